package im.tandem.openfire.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web chat's files, which the build bundles into the plugin's classes under one folder. A request names a file
 * by a plain name (no folders, no dots in front), so nothing outside that folder can be reached.
 */
final class WebFiles {
    /** Where the build puts the bundle and the pages, on the plugin's class path. */
    static final String FOLDER = "/im/tandem/openfire/web/static/";
    /** The page {@code /tandem/} shows. */
    static final String INDEX = "index.html";
    /** A name of letters, digits, dots and dashes ending in a known extension; group 1 is the extension. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.(html|js|css|png|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private WebFiles() {
    }

    /** The file under {@code name}, or empty when there is no such file or the name is not a plain file name. */
    static Optional<WebFile> find(String name) throws IOException {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches() || name.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = WebFiles.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new WebFile(name, CONTENT_TYPES.get(matcher.group(1)), in.readAllBytes()));
        }
    }

    /** One file's bytes and the content type it is served with. */
    record WebFile(String name, String contentType, byte[] bytes) {
        boolean isPage() {
            return name.endsWith(".html");
        }
    }
}
