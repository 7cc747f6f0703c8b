package im.tandem.openfire.commands;

import java.util.List;

import org.dom4j.Element;

/**
 * Writes XEP-0004 data forms and XEP-0050 notes into a command element with dom4j, which every Openfire
 * version has; children inherit the form's namespace.
 */
final class Forms {
    static final String DATA_NAMESPACE = "jabber:x:data";
    /** The FORM_TYPE of every Tandem notify form, so clients can tell them apart (XEP-0068). */
    static final String FORM_TYPE = "https://tandem.im/ns/notify";

    private Forms() {
    }

    enum NoteType {
        INFO("info"),
        WARN("warn"),
        ERROR("error");

        private final String id;

        NoteType(String id) {
            this.id = id;
        }
    }

    /** A form of the given type ("form" to fill in, "result" to read), with the Tandem FORM_TYPE. */
    static Element form(Element command, String type, String title, String instructions) {
        Element form = command.addElement("x", DATA_NAMESPACE);
        form.addAttribute("type", type);
        form.addElement("title").setText(title);
        if (instructions != null) {
            form.addElement("instructions").setText(instructions);
        }
        field(form, "FORM_TYPE", "hidden", null).addElement("value").setText(FORM_TYPE);
        return form;
    }

    static Element field(Element form, String var, String type, String label) {
        Element field = form.addElement("field");
        field.addAttribute("var", var);
        field.addAttribute("type", type);
        if (label != null) {
            field.addAttribute("label", label);
        }
        return field;
    }

    static Element text(Element form, String var, String label, String value) {
        Element field = field(form, var, "text-single", label);
        values(field, List.of(value));
        return field;
    }

    static Element flag(Element form, String var, String label, boolean value) {
        Element field = field(form, var, "boolean", label);
        values(field, List.of(value ? "1" : "0"));
        return field;
    }

    /** A choice of one or (list-multi) several options, each given as value and label. */
    static Element list(Element form, String var, String type, String label, List<String> chosen,
            List<String[]> options) {
        Element field = field(form, var, type, label);
        for (String[] option : options) {
            Element element = field.addElement("option");
            element.addAttribute("label", option[1]);
            element.addElement("value").setText(option[0]);
        }
        values(field, chosen);
        return field;
    }

    static void required(Element field) {
        field.addElement("required");
    }

    static void values(Element field, List<String> values) {
        for (String value : values) {
            field.addElement("value").setText(value);
        }
    }

    static void note(Element command, NoteType type, String text) {
        Element note = command.addElement("note");
        note.addAttribute("type", type.id);
        note.setText(text);
    }
}
