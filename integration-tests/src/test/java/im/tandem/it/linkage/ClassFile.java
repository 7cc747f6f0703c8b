package im.tandem.it.linkage;

import java.util.List;
import java.util.Set;

/**
 * What linkage needs to know of one class: its name, its supertypes and the members it declares, each member
 * as name plus descriptor (the JVM links by both, so an overload with another parameter type is another member).
 *
 * @param name       internal name, such as {@code org/jivesoftware/openfire/XMPPServer}
 * @param superName  the superclass's internal name, or null for {@code java/lang/Object}
 * @param interfaces the directly implemented interfaces
 * @param isInterface whether this is an interface
 * @param methods    declared methods as {@code name + descriptor}
 * @param fields     declared fields as {@code name + ":" + descriptor}
 */
record ClassFile(String name, String superName, List<String> interfaces, boolean isInterface, Set<String> methods,
                 Set<String> fields) {

    static String method(String name, String descriptor) {
        return name + descriptor;
    }

    static String field(String name, String descriptor) {
        return name + ":" + descriptor;
    }
}
