package im.tandem.client.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import im.tandem.client.file.FileTransferConfig;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.ice.session.IceConfig;

/**
 * The chat program's file settings: {@code --downloads DIR} (where received files go, by default
 * {@link FileTransferConfig#DEFAULT_DOWNLOAD_DIRECTORY}) and {@code --file-transports LIST} (which transports to
 * use, in order, such as {@code s5b,ibb}; by default ice, s5b, ibb). Files go direct (ice, or a contact's own
 * SOCKS5 host) only where chat may: with {@code --direct}, on the same interfaces and STUN server.
 * {@code --accept-files ask|contacts|none} says what becomes of contacts' offers ({@link AcceptFiles}).
 */
record FileOptions(Optional<Path> downloads, Optional<List<TransportMethod>> transports,
                   Optional<AcceptFiles> acceptFiles) {
    static final String DOWNLOADS = "--downloads";
    static final String TRANSPORTS = "--file-transports";

    static FileOptions none() {
        return new FileOptions(Optional.empty(), Optional.empty(), Optional.empty());
    }

    FileOptions withDownloads(String directory) {
        return new FileOptions(Optional.of(Path.of(directory)), transports, acceptFiles);
    }

    /**
     * @throws IllegalArgumentException naming the option, for an unknown transport
     */
    FileOptions withTransports(String list) {
        List<TransportMethod> methods = TransportMethod.parseList(TRANSPORTS, list);
        try {
            FileTransferConfig.defaults().withTransports(methods);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TRANSPORTS + ": " + e.getMessage(), e);
        }
        return new FileOptions(downloads, Optional.of(methods), acceptFiles);
    }

    /**
     * @throws IllegalArgumentException naming the option, for a word other than ask, contacts or none
     */
    FileOptions withAcceptFiles(String mode) {
        return new FileOptions(downloads, transports, Optional.of(AcceptFiles.parse(mode)));
    }

    /** What to do with contacts' offers: as given, else {@link AcceptFiles#byDefault}. */
    AcceptFiles acceptFiles(boolean interactive) {
        return acceptFiles.orElse(AcceptFiles.byDefault(interactive));
    }

    /**
     * Checks the options against {@code --direct}.
     *
     * @throws IllegalArgumentException when only ice is asked for but direct sessions are off
     */
    FileOptions requireDirectFor(boolean directOn) {
        if (!directOn && transports.isPresent() && transports.get().equals(List.of(TransportMethod.ICE))) {
            throw new IllegalArgumentException(TRANSPORTS + " ice needs --direct, which names the interfaces ICE may use");
        }
        return this;
    }

    /**
     * The given settings with these options applied; the direct channel uses {@code directIce}, the ICE settings
     * of direct chat, and is left out without them.
     */
    FileTransferConfig applyTo(FileTransferConfig config, Optional<IceConfig> directIce) {
        FileTransferConfig result = config.withTransports(transports.orElse(config.transports()));
        if (directIce.isPresent()) {
            // The user agreed to direct connections: a contact's own SOCKS5 host may be one, too.
            result = result.withIce(directIce.get()).withDirectS5bCandidates(true);
        } else {
            result = result.withTransports(result.transports().stream()
                    .filter(method -> method != TransportMethod.ICE).toList());
        }
        return downloads.map(result::withDownloadDirectory).orElse(result);
    }
}
