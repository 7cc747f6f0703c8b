package im.tandem.it.openfire;

import java.nio.file.Path;

/**
 * The connection Openfire's standard connection provider opens: the embedded HSQLDB file database in the home
 * by default, or the external PostgreSQL, MySQL or MariaDB database the settings name. Openfire tells the two apart by the JDBC
 * product name and runs the matching schema script, which the distribution lays out in every home.
 */
record OpenfireJdbcSettings(String driver, String serverUrl, String username, String password, String testSql) {
    /** HSQLDB's own check query; Openfire runs it to test pooled connections. */
    private static final String HSQLDB_TEST_SQL = "SELECT 1 FROM INFORMATION_SCHEMA.SYSTEM_USERS";
    /** PostgreSQL and MySQL need no table to select a constant; Openfire's own fallback test query is the same. */
    private static final String SELECT_ONE = "SELECT 1";
    /** The driver every Openfire ships (4.2.0: postgresql 42.1.4), already on its classpath. */
    private static final String POSTGRESQL_DRIVER = "org.postgresql.Driver";
    /**
     * Connector/J 8, which installed Openfire releases ship (5.1.1: 8.4.0); it names MariaDB "MySQL" too, so that
     * Openfire runs its MySQL script, which MariaDB takes.
     */
    private static final String MYSQL_DRIVER = "com.mysql.cj.jdbc.Driver";

    static OpenfireJdbcSettings of(OpenfireSettings settings, Path home) {
        return settings.database()
                .map(external -> new OpenfireJdbcSettings(external.mysql() ? MYSQL_DRIVER : POSTGRESQL_DRIVER,
                        external.jdbcUrl(), external.user(), external.password(), SELECT_ONE))
                .orElseGet(() -> embedded(home));
    }

    private static OpenfireJdbcSettings embedded(Path home) {
        // write_delay=false: every commit reaches the disk, so a SIGKILL loses no committed row.
        String url = "jdbc:hsqldb:file:" + home.resolve("db/openfire") + ";hsqldb.write_delay=false";
        return new OpenfireJdbcSettings("org.hsqldb.jdbcDriver", url, "sa", "", HSQLDB_TEST_SQL);
    }
}
