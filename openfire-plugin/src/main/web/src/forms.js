// Data forms (XEP-0004) of the server's ad-hoc commands, shown and read back. Labels, options, values and notes
// come from the server and are shown as text. The forms are xmpp.js elements, as the session hands them over.
import { el } from "./dom.js";
import { NS } from "./session.js";

/** Builds the fields of a form; returns the element and a function that reads the filled-in values. */
export function renderForm(x) {
  const readers = [];
  const box = el("div", { class: "form" });
  const instructions = x.getChildText("instructions");
  if (instructions) box.append(el("p", { class: "instructions" }, instructions));
  const editable = x.attrs.type === "form";
  for (const field of x.getChildren("field")) {
    const control = renderField(field, editable);
    if (control.element) box.append(control.element);
    if (control.read) readers.push([field.attrs.var, control.read]);
  }
  return { element: box, read: () => Object.fromEntries(readers.map(([name, read]) => [name, read()])) };
}

function values(field) {
  return field.getChildren("value").map((node) => node.text());
}

function renderField(field, editable) {
  const type = field.attrs.type || "text-single";
  const label = field.attrs.label || field.attrs.var || "";
  const current = values(field);
  if (type === "hidden") return { read: () => current };
  if (type === "fixed" || !editable) {
    return { element: el("p", { class: "field-fixed" }, label && type !== "fixed" ? label + ": " : "",
      current.join(", ")) };
  }
  if (type === "boolean") {
    const box = el("input", { type: "checkbox", checked: current[0] === "1" || current[0] === "true" });
    return { element: el("label", { class: "field" }, box, " ", label), read: () => [box.checked ? "1" : "0"] };
  }
  if (type === "list-single" || type === "list-multi") {
    const select = el("select", { multiple: type === "list-multi" });
    for (const option of field.getChildren("option")) {
      const value = option.getChildText("value") || "";
      select.append(el("option", { value, selected: current.includes(value) }, option.attrs.label || value));
    }
    return { element: el("label", { class: "field" }, label, select),
      read: () => [...select.selectedOptions].map((option) => option.value) };
  }
  const input = el("input", { type: type === "text-private" ? "password" : "text", value: current[0] || "",
    required: Boolean(field.getChild("required")) });
  return { element: el("label", { class: "field" }, label, input), read: () => [input.value] };
}

/** The notes of a command's answer (XEP-0050 note elements), as text lines with their type. */
export function notes(command) {
  return command.getChildren("note", NS.commands).map((node) => ({ type: node.attrs.type || "info", text: node.text() }));
}

/** The data form in a command's answer, if any. */
export function formOf(command) {
  return command.getChild("x", NS.data);
}
