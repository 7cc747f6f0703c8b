package im.tandem.it.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import org.jivesoftware.database.SchemaManager;
import org.objectweb.asm.ClassReader;

/**
 * The SQL statements compiled into Openfire's server jar (xmppserver 4.2.0), read from the string constants of
 * its classes, so that a schema can be checked against exactly what the server will send.
 */
public final class OpenfireSqlStatements {
    /** JVMS 4.4.3: constant-pool tag of a string literal. */
    private static final int CONSTANT_STRING_TAG = 8;

    /** What an SQL statement looks like, as opposed to log text such as "Delete a User". */
    private static final Pattern SQL_STATEMENT = Pattern.compile(
            "\\s*(SELECT\\s.*\\sFROM\\s.*|SELECT\\s+1\\s*|INSERT\\s+INTO\\s.*|UPDATE\\s+\\w+\\s+SET\\s.*"
                    + "|DELETE\\s+(\\w+\\s+)?FROM\\s.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * Fragments Openfire completes at run time, with the completion it appends, so the assembled statement is
     * what gets prepared.
     */
    public static final Map<String, String> RUNTIME_COMPLETIONS = Map.of(
            // DefaultUserProvider.findUsers appends one LIKE condition per search field.
            "SELECT username FROM ofUser WHERE", " username LIKE ? OR name LIKE ? OR email LIKE ?");

    private OpenfireSqlStatements() {
    }

    /** Every SQL string literal in the xmppserver jar, in jar order, mapped to the first class holding it. */
    public static Map<String, String> inServerJar() {
        Path jar = serverJar();
        Map<String, String> statements = new LinkedHashMap<>();
        try (JarFile classes = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(classes.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = classes.getInputStream(entry)) {
                    String className = entry.getName().replace('/', '.').replaceAll("\\.class$", "");
                    for (String literal : stringLiterals(new ClassReader(in))) {
                        if (SQL_STATEMENT.matcher(literal).matches()) {
                            statements.putIfAbsent(literal, className);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        if (statements.isEmpty()) {
            throw new IllegalStateException("no SQL statement found in " + jar);
        }
        return statements;
    }

    /** The statement as Openfire sends it: the literal plus whatever it appends at run time. */
    public static String assembled(String literal) {
        return literal + RUNTIME_COMPLETIONS.getOrDefault(literal, "");
    }

    private static Path serverJar() {
        try {
            return Path.of(SchemaManager.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the xmppserver jar has no file location", e);
        }
    }

    private static List<String> stringLiterals(ClassReader reader) {
        List<String> literals = new ArrayList<>();
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int item = 1; item < reader.getItemCount(); item++) {
            int offset = reader.getItem(item);
            // Offset 0 marks the unused slot after a long or double constant.
            if (offset > 0 && reader.b[offset - 1] == CONSTANT_STRING_TAG) {
                literals.add((String) reader.readConst(item, buffer));
            }
        }
        return literals;
    }
}
