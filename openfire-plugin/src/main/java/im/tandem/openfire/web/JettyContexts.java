package im.tandem.openfire.web;

import java.lang.reflect.Method;
import java.util.List;

import javax.servlet.Servlet;

import org.jivesoftware.openfire.http.HttpBindManager;

/**
 * Puts a servlet on Openfire's HTTP binding port (the one BOSH and WebSocket use) under a context path of its own.
 *
 * <p>Reflection, on purpose and only here: Openfire 4.x embeds Jetty 9 ({@code org.eclipse.jetty.servlet}) and its
 * {@code HttpBindManager.addJettyHandler} takes a Jetty 9 {@code Handler}; Openfire 5.x embeds Jetty 12, whose
 * servlet contexts live in the EE8 layer ({@code org.eclipse.jetty.ee8.servlet}) and are registered through an
 * {@code addJettyHandler} overload taking the EE8 {@code ContextHandler}. The plugin compiles against 4.2.0 only,
 * so a direct call would link on one of the two and fail on the other; naming the classes and picking the ones the
 * running server has keeps a single jar working on both. The servlet itself is plain {@code javax.servlet}, which
 * both releases provide.
 */
final class JettyContexts {
    /** Tried in this order; the first whose classes the running Openfire has is used. */
    private static final List<JettyFlavour> FLAVOURS = List.of(
            new JettyFlavour("Jetty 12 EE8 (Openfire 5)", "org.eclipse.jetty.ee8.servlet.ServletContextHandler",
                    "org.eclipse.jetty.ee8.servlet.ServletHolder", "org.eclipse.jetty.ee8.nested.ContextHandler"),
            new JettyFlavour("Jetty 9 (Openfire 4)", "org.eclipse.jetty.servlet.ServletContextHandler",
                    "org.eclipse.jetty.servlet.ServletHolder", "org.eclipse.jetty.server.Handler"));

    private JettyContexts() {
    }

    /** Registers {@code servlet} for every path under {@code contextPath}; remove it with {@link Installed#remove()}. */
    static Installed install(String contextPath, Servlet servlet) {
        ClassLoader openfire = HttpBindManager.class.getClassLoader();
        JettyFlavour flavour = FLAVOURS.stream().filter(candidate -> candidate.presentIn(openfire)).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "this Openfire embeds a Jetty the plugin does not know; the web chat is not served"));
        try {
            Class<?> contextClass = Class.forName(flavour.contextClass(), true, openfire);
            Class<?> holderClass = Class.forName(flavour.holderClass(), true, openfire);
            Class<?> registeredAs = Class.forName(flavour.registeredAs(), true, openfire);
            Object context = contextClass.getConstructor().newInstance();
            contextClass.getMethod("setContextPath", String.class).invoke(context, contextPath);
            Object holder = holderClass.getConstructor(Servlet.class).newInstance(servlet);
            contextClass.getMethod("addServlet", holderClass, String.class).invoke(context, holder, "/*");
            Method add = HttpBindManager.class.getMethod("addJettyHandler", registeredAs);
            Method remove = HttpBindManager.class.getMethod("removeJettyHandler", registeredAs);
            add.invoke(HttpBindManager.getInstance(), context);
            return new Installed(flavour.name(), () -> remove.invoke(HttpBindManager.getInstance(), context));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not add " + contextPath + " to the HTTP binding server ("
                    + flavour.name() + ")", e);
        }
    }

    /** A context that is on the server until {@link #remove()} takes it off. */
    record Installed(String jetty, Removal removal) {
        void remove() {
            try {
                removal.run();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not remove the web chat's context (" + jetty + ")", e);
            }
        }
    }

    @FunctionalInterface
    interface Removal {
        void run() throws ReflectiveOperationException;
    }

    private record JettyFlavour(String name, String contextClass, String holderClass, String registeredAs) {
        boolean presentIn(ClassLoader loader) {
            try {
                Class.forName(contextClass, false, loader);
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
