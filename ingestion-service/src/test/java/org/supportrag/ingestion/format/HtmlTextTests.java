package org.supportrag.ingestion.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HtmlTextTests {

    /** A help-center page as a CMS renders it: site chrome around one article. */
    static final String HELP_CENTER_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Shipping and delivery | Acme Help Center</title>
              <style>body { font-family: sans-serif; }</style>
              <script>window.analytics = { track: function () {} };</script>
            </head>
            <body>
              <header class="site-header"><a href="/">Acme Help Center</a> <input type="search"></header>
              <nav><ul><li><a href="/billing">Billing</a></li><li><a href="/shipping">Shipping</a></li></ul></nav>
              <main>
                <article>
                  <header><h1>Shipping and delivery</h1><p class="byline">Updated 3 March</p></header>
                  <p>We ship to 30 countries from our warehouses in
                     Rotterdam and Memphis.</p>
                  <h2>Delivery times</h2>
                  <p>Standard delivery takes <strong>3&ndash;5 business days</strong>; express takes one.</p>
                  <table>
                    <tr><th>Option</th><th>Price</th></tr>
                    <tr><td>Standard</td><td>Free over $50</td></tr>
                    <tr><td>Express</td><td>$15</td></tr>
                  </table>
                  <h3>Tracking a parcel</h3>
                  <ol>
                    <li>Open <a href="/orders">Orders</a>.</li>
                    <li>Choose the order, then <em>Track</em>.
                      <ul><li>Parcels without tracking show the carrier's phone number.</li></ul>
                    </li>
                  </ol>
                  <p>Use the API from a script:</p>
                  <pre><code>curl https://api.acme.test/v1/orders/42/tracking
            # prints the carrier status</code></pre>
                  <aside class="related">Related: Returns policy</aside>
                  <p># 1 rated courier in Europe.</p>
                </article>
              </main>
              <footer>&copy; Acme Inc. <a href="/privacy">Privacy</a></footer>
            </body>
            </html>
            """;

    @Test
    void keepsTheMainContentAsMarkdownAndDropsTheSiteChrome() throws Exception {
        String markdown = HtmlText.toMarkdown(HELP_CENTER_PAGE.getBytes(StandardCharsets.UTF_8));

        assertThat(markdown).isEqualTo("""
                # Shipping and delivery

                Updated 3 March

                We ship to 30 countries from our warehouses in Rotterdam and Memphis.

                ## Delivery times

                Standard delivery takes 3–5 business days; express takes one.

                | Option | Price |
                | --- | --- |
                | Standard | Free over $50 |
                | Express | $15 |

                ### Tracking a parcel

                1. Open Orders.
                2. Choose the order, then Track.
                  - Parcels without tracking show the carrier's phone number.

                Use the API from a script:

                ```
                curl https://api.acme.test/v1/orders/42/tracking
                # prints the carrier status
                ```

                \\# 1 rated courier in Europe.
                """);
    }

    @Test
    void usesThePageTitleAsH1WhenThePageHasNone() throws Exception {
        String html = "<html><head><title>Gift cards</title></head><body><p>Gift cards never expire.</p></body></html>";

        assertThat(HtmlText.toMarkdown(html.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("# Gift cards\n\nGift cards never expire.\n");
    }

    @Test
    void dropsThePageHeaderAndFooterWhenThereIsNoMainElement() throws Exception {
        String html = """
                <body><header>Acme — Menu — Sign in</header>
                <div class="content"><h1>Gift cards</h1><div>Gift cards never expire.</div></div>
                <footer>Copyright Acme</footer></body>
                """;

        assertThat(HtmlText.toMarkdown(html.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("# Gift cards\n\nGift cards never expire.\n");
    }

    @Test
    void readsTheCharsetDeclaredByThePage() throws Exception {
        String html = "<html><head><meta charset=\"iso-8859-1\"></head><body><h1>Café</h1><p>Crème brûlée</p></body></html>";

        assertThat(HtmlText.toMarkdown(html.getBytes(Charset.forName("ISO-8859-1"))))
            .isEqualTo("# Café\n\nCrème brûlée\n");
    }

    @Test
    void rejectsAPdfSavedAsHtml() {
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> HtmlText.toMarkdown(TestPdfs.text("Manual", TestPdfs.WARRANTY_PAGES)))
            .withMessage(HtmlText.NOT_HTML);
    }
}
