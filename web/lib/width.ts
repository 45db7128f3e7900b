// An element's width, reported by a ResizeObserver after layout. Unlike
// bind:clientWidth it never reads the width while the page is being built,
// which would force a layout for every chart on the first render.
export function width(element: HTMLElement, report: (width: number) => void) {
  const observer = new ResizeObserver(([entry]) => report(entry.contentRect.width));
  observer.observe(element);
  return { destroy: () => observer.disconnect() };
}
