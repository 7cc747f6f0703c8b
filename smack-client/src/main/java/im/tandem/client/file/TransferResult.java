package im.tandem.client.file;

import java.nio.file.Path;

import org.jxmpp.jid.FullJid;

import im.tandem.client.file.transport.TransportMethod;

/**
 * A transfer that completed: the receiver has the file and its hash matched.
 *
 * @param peer   the other party
 * @param name   the file's name as offered
 * @param size   bytes transferred
 * @param sha256 the SHA-256 of the content, in lower-case hex
 * @param path   where the file is: the sent file, or where the received one was saved
 * @param route  the transport that carried it
 */
public record TransferResult(FullJid peer, String name, long size, String sha256, Path path, TransportMethod route) {
}
