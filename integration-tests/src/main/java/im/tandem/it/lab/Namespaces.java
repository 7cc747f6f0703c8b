package im.tandem.it.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Network namespace operations through iproute2; every namespace made here is marked with its owner. */
final class Namespaces {

    /** Ample for any single ip/nft/sysctl call; they take milliseconds unless the machine is stuck. */
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** SIGKILL takes effect at once unless a process is stuck in the kernel; then waiting longer will not help. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private Namespaces() {
    }

    /**
     * Creates a namespace with loopback up, IPv6 off, and the owner marker on loopback. IPv6 is off because the
     * lab is IPv4 only: link-local IPv6 addresses would only add candidates that lead nowhere.
     */
    static void create(String namespace, LabOwner owner) {
        ip("netns", "add", namespace);
        try {
            ip("-n", namespace, "link", "set", "dev", "lo", "alias", LabNames.marker(owner));
            ip("-n", namespace, "link", "set", "dev", "lo", "up");
            sysctl(namespace, "net.ipv6.conf.all.disable_ipv6=1");
            sysctl(namespace, "net.ipv6.conf.default.disable_ipv6=1");
        } catch (RuntimeException e) {
            // Unmarked, no sweep would ever remove it: delete it now.
            try {
                delete(namespace);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Kills every process still inside the namespace, then deletes it (which also deletes its veth ends). A
     * namespace outlives its name while a process is inside, so a survivor is an error.
     */
    static void delete(String namespace) {
        List<ProcessHandle> inside = pids(namespace).stream().map(ProcessHandle::of)
                .flatMap(Optional::stream).toList();
        inside.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : inside) {
            try {
                process.onExit().get(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException("Process " + process.pid() + " in namespace " + namespace
                        + " survived SIGKILL for " + KILL_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while deleting namespace " + namespace, e);
            }
        }
        ip("netns", "delete", namespace);
    }

    static List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : ip("netns", "list").output().split("\n")) {
            // Lines read "name" or "name (id: 3)".
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The text on the namespace's loopback alias, empty when there is none. */
    static String marker(String namespace) {
        return run(List.of(LabTool.IP.path(), "netns", "exec", namespace, "cat", "/sys/class/net/lo/ifalias"))
                .output().strip();
    }

    static void sysctl(String namespace, String setting) {
        inNamespace(namespace, LabTool.SYSCTL.path(), "-q", "-w", setting);
    }

    static ExecResult inNamespace(String namespace, String... command) {
        return run(command(namespace, List.of(command))).requireSuccess();
    }

    /** {@code ip netns exec <namespace> <command...>}. */
    static List<String> command(String namespace, List<String> command) {
        List<String> full = new ArrayList<>(List.of(LabTool.IP.path(), "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    static ExecResult ip(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(LabTool.IP.path());
        command.addAll(Arrays.asList(arguments));
        return run(command).requireSuccess();
    }

    private static List<Long> pids(String namespace) {
        List<Long> pids = new ArrayList<>();
        for (String line : ip("netns", "pids", namespace).output().split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    private static ExecResult run(List<String> command) {
        return CommandRunner.run(command, ADMIN_TIMEOUT);
    }
}
