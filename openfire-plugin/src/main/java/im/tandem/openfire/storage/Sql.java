package im.tandem.openfire.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Small JDBC helpers shared by the stores: parameter binding, transactions, mapping rows. */
public final class Sql {
    private Sql() {
    }

    /** Work on one connection that either commits as a whole or not at all. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs the work in one transaction; rolls back on any failure. The pooled connection leaves clean. */
    public static <T> T inTransaction(ConnectionSource database, Work<T> work) throws SQLException {
        try (Connection connection = database.open()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * As {@link #inTransaction}, run again from the start when it fails on a unique key another server (or
     * thread) took first, up to {@code tries} times in all. The work must re-read what it depends on, so that
     * a retry sees the winner's row.
     */
    public static <T> T inTransactionRetryingConflicts(ConnectionSource database, int tries, Work<T> work)
            throws SQLException {
        return inTransactionRetryingOn(database, tries, work, Sql::isConflict);
    }

    /**
     * As {@link #inTransactionRetryingConflicts}, also run again when the database chose the transaction as a
     * deadlock's victim or could not serialize it (SQLSTATE 40001 in PostgreSQL and MySQL, 40001 or 40502 in
     * HSQLDB): for work that takes row locks in parallel with itself.
     */
    public static <T> T inTransactionRetrying(ConnectionSource database, int tries, Work<T> work)
            throws SQLException {
        return inTransactionRetryingOn(database, tries, work, e -> isConflict(e) || isRollback(e));
    }

    private static <T> T inTransactionRetryingOn(ConnectionSource database, int tries, Work<T> work,
            Predicate<SQLException> retryable) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(database, work);
            } catch (SQLException e) {
                if (!retryable.test(e) || attempt >= tries) {
                    throw e;
                }
            }
        }
    }

    /** Transaction rollback: SQLSTATE class 40, a deadlock or serialization failure. */
    public static boolean isRollback(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    /** Integrity constraint violation: SQLSTATE class 23 in HSQLDB, PostgreSQL and MySQL alike. */
    public static boolean isConflict(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** Runs one statement outside any explicit transaction. */
    public static <T> T once(ConnectionSource database, Work<T> work) throws SQLException {
        try (Connection connection = database.open()) {
            return work.run(connection);
        }
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        return query(connection, sql, 0, mapper, parameters);
    }

    /** At most maxRows rows (0: all); setMaxRows is the one row limit that HSQLDB, PostgreSQL and MySQL share. */
    public static <T> List<T> query(Connection connection, String sql, int maxRows, RowMapper<T> mapper,
            Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.setMaxRows(maxRows);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    public static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Long> counts = query(connection, sql, row -> row.getLong(1), parameters);
        return counts.isEmpty() ? 0 : counts.get(0);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                bind(statement, i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.VARCHAR);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Boolean flag) {
            statement.setInt(index, flag ? 1 : 0);
        } else {
            throw new IllegalArgumentException("cannot bind " + value.getClass().getName() + " to a statement");
        }
    }
}
