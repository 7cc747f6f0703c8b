package im.tandem.openfire.admin;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import im.tandem.openfire.notify.DeliveryChannel;

/**
 * The "Tandem" page of Openfire's admin console, behind the console's own login. Thin on purpose: the content
 * is {@link AdminPage}'s, the data {@link AdminConsole}'s. A POST without the session's CSRF token is refused;
 * a good one acts and redirects back, so that reloading the page repeats nothing.
 */
public final class TandemAdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String SESSION_TOKEN = "im.tandem.admin.csrf";
    /** What the last action did, shown once on the page after the redirect. */
    private static final String SESSION_NOTICE = "im.tandem.admin.notice";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<AdminConsole> console = AdminConsole.current();
        if (console.isEmpty()) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The Tandem plugin is not loaded.");
            return;
        }
        HttpSession session = request.getSession(true);
        Optional<String> notice = Optional.ofNullable((String) session.getAttribute(SESSION_NOTICE));
        session.removeAttribute(SESSION_NOTICE);
        try {
            String page = AdminPage.render(console.get().overview(), token(session), notice);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(page);
        } catch (SQLException e) {
            log("Tandem admin page: the database did not answer", e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "The database did not answer.");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Optional<AdminConsole> console = AdminConsole.current();
        if (session == null || !CsrfTokens.matches((String) session.getAttribute(SESSION_TOKEN),
                request.getParameter(AdminPage.CSRF_FIELD))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong form token; reload the page.");
            return;
        }
        if (console.isEmpty()) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The Tandem plugin is not loaded.");
            return;
        }
        String notice;
        try {
            Optional<DeliveryChannel> channel = Optional.ofNullable(request.getParameter("channel"))
                    .filter(id -> !id.isEmpty()).map(id -> DeliveryChannel.byId(id)
                            .orElseThrow(() -> new IllegalArgumentException("unknown channel '" + id + "'")));
            notice = console.get().perform(String.valueOf(request.getParameter("action")), channel, Instant.now());
        } catch (IllegalArgumentException e) {
            notice = e.getMessage();
        } catch (SQLException e) {
            log("Tandem admin action failed", e);
            notice = "The database did not answer; nothing was changed.";
        }
        session.setAttribute(SESSION_NOTICE, notice);
        response.sendRedirect(request.getRequestURI());
    }

    private static String token(HttpSession session) {
        String token = (String) session.getAttribute(SESSION_TOKEN);
        if (token == null) {
            token = CsrfTokens.newToken();
            session.setAttribute(SESSION_TOKEN, token);
        }
        return token;
    }
}
