package im.tandem.openfire.config;

import org.jivesoftware.util.JiveGlobals;

/**
 * Openfire's system properties, as an admin sets them in the admin console or the database. Only the
 * read call is used: JiveGlobals' getters are unchanged from 4.2.0 to 5.x, while setProperty changed its
 * return type in 5.2.
 */
public final class OpenfireProperties implements PropertySource {
    @Override
    public String get(String name) {
        return JiveGlobals.getProperty(name);
    }
}
