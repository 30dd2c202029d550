import { render } from "preact"; render(<p>Lead Lens</p>, document.getElementById("app")!);
