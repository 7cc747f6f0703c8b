package im.tandem.it.linkage;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a plugin jar against a server's libraries: every reference the plugin's classes make, and every reference
 * the libraries it carries make into the server's API, must resolve with the server's classes (the plugin's class
 * loader asks the server's first) and the JDK's.
 */
final class LinkageCheck {
    /** The plugin's own classes: all their references are checked, whatever they point to. */
    private static final String PLUGIN_PACKAGE = "im/tandem/";
    /**
     * What a server is expected to provide (Openfire, Tinder, dom4j, Jetty, the servlet API): references to these
     * from a carried library are checked even when the server lacks the class, since no other jar would bring it.
     */
    private static final List<String> SERVER_PACKAGES = List.of("org/jivesoftware/", "org/xmpp/", "org/dom4j/",
            "org/eclipse/jetty/", "javax/servlet/");

    private LinkageCheck() {
    }

    /** Each reference that does not resolve, as "from-class: problem", sorted; empty when all link. */
    static List<String> problems(Path pluginJar, List<Path> serverLibraries) {
        ClassIndex plugin = ClassIndex.of(List.of(pluginJar));
        ClassIndex server = ClassIndex.of(serverLibraries);
        // The plugin's class loader asks the server's first.
        Linker linker = new Linker(name -> server.find(name).or(() -> plugin.find(name)));
        Set<String> definedByServer = server.definedClasses();
        Set<String> problems = new TreeSet<>();
        for (String name : plugin.definedClasses()) {
            boolean ours = name.startsWith(PLUGIN_PACKAGE);
            for (Reference reference : ReferenceCollector.of(plugin.bytes(name))) {
                if (ours || definedByServer.contains(reference.owner()) || isServerPackage(reference.owner())) {
                    linker.problem(reference).ifPresent(problem ->
                            problems.add(reference.from().replace('/', '.') + ": " + problem));
                }
            }
        }
        return List.copyOf(problems);
    }

    private static boolean isServerPackage(String internalName) {
        return SERVER_PACKAGES.stream().anyMatch(internalName::startsWith);
    }
}
