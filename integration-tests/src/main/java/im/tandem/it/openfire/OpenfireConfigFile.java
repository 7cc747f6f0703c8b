package im.tandem.it.openfire;

import java.nio.file.Path;

/** The text of the few files an Openfire home needs before its first boot. */
final class OpenfireConfigFile {
    private OpenfireConfigFile() {
    }

    /**
     * conf/openfire.xml: set up already (no web wizard), the standard connection provider on the given
     * database, every listener on the given address (network.interface), the admin console's HTTP port as given
     * ({@link OpenfireSettings#ADMIN_CONSOLE_OFF} for none) and its HTTPS port off.
     */
    static String render(String domain, String networkInterface, int adminConsolePort, OpenfireJdbcSettings database) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jive>
                  <setup>true</setup>
                  <locale>en</locale>
                  <network>
                    <interface>%s</interface>
                  </network>
                  <adminConsole>
                    <port>%d</port>
                    <securePort>-1</securePort>
                  </adminConsole>
                  <xmpp>
                    <domain>%s</domain>
                    <fqdn>%s</fqdn>
                  </xmpp>
                  <connectionProvider>
                    <className>org.jivesoftware.database.DefaultConnectionProvider</className>
                  </connectionProvider>
                  <database>
                    <defaultProvider>
                      <driver>%s</driver>
                      <serverURL>%s</serverURL>
                      <username>%s</username>
                      <password>%s</password>
                      <testSQL>%s</testSQL>
                      <testBeforeUse>false</testBeforeUse>
                      <testAfterUse>false</testAfterUse>
                      <minConnections>2</minConnections>
                      <maxConnections>20</maxConnections>
                      <connectionTimeout>1.0</connectionTimeout>
                    </defaultProvider>
                  </database>
                </jive>
                """.formatted(escape(networkInterface), adminConsolePort, escape(domain), escape(domain), escape(database.driver()),
                escape(database.serverUrl()), escape(database.username()), escape(database.password()),
                escape(database.testSql()));
    }

    /** conf/security.xml: property encryption with Openfire's default algorithm and no key. */
    static String renderSecurity() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <security>
                  <encrypt>
                    <algorithm>Blowfish</algorithm>
                    <key>
                      <current></current>
                    </key>
                  </encrypt>
                </security>
                """;
    }

    /** log4j 1.2 configuration: Openfire and the plugin log to one file; warnings also to standard error. */
    static String renderLogging(Path logFile) {
        return """
                log4j.rootLogger=INFO, file, console
                log4j.appender.file=org.apache.log4j.FileAppender
                log4j.appender.file.File=%s
                log4j.appender.file.Append=true
                log4j.appender.file.layout=org.apache.log4j.PatternLayout
                log4j.appender.file.layout.ConversionPattern=%%d{ISO8601} %%-5p [%%t] %%c - %%m%%n
                log4j.appender.console=org.apache.log4j.ConsoleAppender
                log4j.appender.console.Target=System.err
                log4j.appender.console.Threshold=WARN
                log4j.appender.console.layout=org.apache.log4j.PatternLayout
                log4j.appender.console.layout.ConversionPattern=openfire %%-5p %%c{1} - %%m%%n
                """.formatted(logFile.toString().replace("\\", "/"));
    }

    /**
     * plugins/admin/plugin.xml. Openfire 4.2.0 treats the admin console as a plugin and starts the client
     * listeners only after it has loaded; its class ships in the server jar.
     */
    static String renderAdminPlugin() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <plugin>
                  <class>org.jivesoftware.openfire.container.AdminConsolePlugin</class>
                  <name>Admin Console</name>
                  <description>Openfire's web administration, without its web application in the harness.</description>
                  <author>The Tandem harness</author>
                  <version>4.2.0</version>
                </plugin>
                """;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
