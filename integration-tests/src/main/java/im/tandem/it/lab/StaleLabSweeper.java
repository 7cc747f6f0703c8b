package im.tandem.it.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes namespaces left behind by labs whose JVM was killed before it could clean up, and those labs' temporary
 * directories. A namespace is deleted only when all three hold: its name has the lab shape, its loopback carries
 * the lab marker, and the JVM the marker names no longer runs. Anything else, including a live lab of another
 * JVM, is left alone.
 */
final class StaleLabSweeper {

    private StaleLabSweeper() {
    }

    /** Deletes every stale lab namespace and directory, and returns the namespaces' names. */
    static List<String> sweep() {
        List<String> deleted = new ArrayList<>();
        Set<String> stalePrefixes = new LinkedHashSet<>();
        for (String namespace : Namespaces.list()) {
            if (isStale(namespace)) {
                deleteUnlessGone(namespace);
                deleted.add(namespace);
                stalePrefixes.add(LabNames.prefixOf(namespace));
            }
        }
        stalePrefixes.forEach(LabDirectory::deleteAll);
        return deleted;
    }

    private static boolean isStale(String namespace) {
        if (!LabNames.looksLikeLab(namespace)) {
            return false;
        }
        Optional<LabOwner> owner = LabNames.parseMarker(Namespaces.marker(namespace));
        return owner.isPresent() && !owner.get().isRunning();
    }

    /** Another JVM's sweep may delete the same namespace at the same moment; that is success too. */
    private static void deleteUnlessGone(String namespace) {
        try {
            Namespaces.delete(namespace);
        } catch (IllegalStateException e) {
            if (Namespaces.list().contains(namespace)) {
                throw e;
            }
        }
    }
}
