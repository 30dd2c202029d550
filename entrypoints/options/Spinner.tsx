/** "Busy" beside a button's label; the button itself says so with aria-busy. */
export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}
