package im.tandem.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import im.tandem.it.openfire.OpenfireProcess;

/**
 * Which deliveries one server handed over to the SMTP server, as its own log says: the plugin's delivery
 * processor writes one line per delivery the mail server accepted. Only the server that sent a delivery logs
 * it, so the two logs tell the servers' shares apart.
 */
final class NodeLog {
    /** The processor's line: "Delivery ID (email digest to USER, attempt N) handed over". */
    private static final Pattern HANDED_OVER = Pattern.compile("Delivery ([0-9a-f-]{36}) \\(.*\\) handed over$");

    private NodeLog() {
    }

    /** The ids of the deliveries the server handed over, in the order it did, repeats included. */
    static List<String> handedOver(OpenfireProcess server) {
        Path log = server.home().logFile();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.map(HANDED_OVER::matcher).filter(Matcher::find).map(line -> line.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
