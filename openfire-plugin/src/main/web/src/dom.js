// Building the panel's elements. Everything a user or another server supplies (names, addresses, status texts,
// message bodies) becomes a Text node, never markup: no innerHTML touches the page.

/** An element with attributes and children; a string child becomes text, never HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children; strings again become text. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}
