package im.tandem.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


/** The lab leaves nothing behind: not at close, and not after a JVM that was killed before it could close. */
@Tag("lab")
class NatLabLifecycleTest {

    @Test
    void closeRemovesEveryNamespaceProcessAndFile() throws IOException {
        NatLab lab = NatLab.builder().host("peer").client("a", NatKind.SYMMETRIC).build();
        List<String> namespaces = lab.namespaces();
        Path workDirectory = lab.workDirectory();
        SpawnedProcess spawned = lab.spawn(lab.clientNamespace("a"), "sleep", "600");
        // Started behind the lab's back, like a daemon that detached from its parent: close must still kill it.
        Process stray = new ProcessBuilder(lab.inNamespace(lab.host("peer").namespace(), "sleep", "600")).start();

        assertThat(namespaces).hasSize(4);
        assertThat(Namespaces.list()).containsAll(namespaces);
        lab.close();

        assertThat(Namespaces.list()).doesNotContainAnyElementsOf(namespaces);
        assertThat(spawned.isAlive()).isFalse();
        assertThat(stray.isAlive()).isFalse();
        assertThat(workDirectory).doesNotExist();
    }

    @Test
    void sweepDeletesOnlyMarkedNamespacesOfDeadOwners() throws Exception {
        LabOwner self = LabOwner.current();
        String deadOwner = LabNames.random().core();
        String reusedPid = LabNames.random().core();
        String liveOwner = LabNames.random().core();
        String unmarked = LabNames.random().core();
        String foreignName = "natlab-sweep-test-" + LabNames.random().prefix();
        List<String> made = new ArrayList<>();
        Path liveDirectory = null;
        try {
            create(made, deadOwner, exitedProcess());
            create(made, reusedPid, new LabOwner(self.pid(), self.startMillis() - 1));
            create(made, liveOwner, self);
            create(made, foreignName, exitedProcess());
            Namespaces.ip("netns", "add", unmarked);
            made.add(unmarked);
            Path deadDirectory = LabDirectory.create(LabNames.prefixOf(deadOwner));
            liveDirectory = LabDirectory.create(LabNames.prefixOf(liveOwner));

            List<String> deleted = StaleLabSweeper.sweep();

            assertThat(deleted).contains(deadOwner, reusedPid).doesNotContain(liveOwner, unmarked, foreignName);
            assertThat(Namespaces.list()).doesNotContain(deadOwner, reusedPid)
                    .contains(liveOwner, unmarked, foreignName);
            assertThat(deadDirectory).doesNotExist();
            assertThat(liveDirectory).isDirectory();
        } finally {
            List<String> existing = Namespaces.list();
            made.stream().filter(existing::contains).forEach(Namespaces::delete);
            if (liveDirectory != null) {
                LabDirectory.delete(liveDirectory);
            }
        }
    }

    private static void create(List<String> made, String namespace, LabOwner owner) {
        Namespaces.create(namespace, owner);
        made.add(namespace);
    }

    /** The identity of a process that has certainly ended. */
    private static LabOwner exitedProcess() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sleep", "60").start();
        long start = process.info().startInstant().orElseThrow().toEpochMilli();
        process.destroyForcibly().waitFor();
        return new LabOwner(process.pid(), start);
    }
}
