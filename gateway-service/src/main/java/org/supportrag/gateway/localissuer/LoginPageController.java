package org.supportrag.gateway.localissuer;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/** The built-in issuer's sign-in form: no inline script or style, so the strict CSP holds. */
@Controller
@Profile(LocalIssuerConfiguration.PROFILE)
class LoginPageController {

    @GetMapping(path = LocalIssuerConfiguration.LOGIN, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> loginPage(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean failed = request.getParameter("error") != null;
        String page = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Sign in - SupportRAG console</title>
                  <link rel="stylesheet" href="/login.css">
                </head>
                <body>
                  <main class="login">
                    <h1>Sign in</h1>
                    <p class="hint">Local demo issuer: agent@demo.local or admin@demo.local, with the password
                      <code>make run</code> printed.</p>
                    %s
                    <form method="post" action="/login">
                      <label for="username">E-mail</label>
                      <input id="username" name="username" type="email" autocomplete="username" required autofocus>
                      <label for="password">Password</label>
                      <input id="password" name="password" type="password" autocomplete="current-password" required>
                      %s
                      <button type="submit">Sign in</button>
                    </form>
                  </main>
                </body>
                </html>
                """.formatted(failed ? "<p class=\"error\" role=\"alert\">Wrong e-mail or password.</p>" : "",
                csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                        + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(page);
    }
}
