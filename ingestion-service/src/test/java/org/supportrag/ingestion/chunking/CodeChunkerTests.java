package org.supportrag.ingestion.chunking;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;

class CodeChunkerTests {

    private static final TokenCounter TOKENS = TokenCounter.bundled();

    /** Small chunks, so a class is split into its members. */
    private static final ChunkingSettings SMALL = new ChunkingSettings(120, 0, 20);

    private static final String JAVA = """
            package com.acme.billing;

            import java.math.BigDecimal;
            import java.util.List;

            /** An invoice: its lines and what the customer owes. */
            public final class Invoice {

                private static final String CURRENCY = "EUR"; // braces in strings: "{" and '}' are no blocks

                private final List<Line> lines;

                Invoice(List<Line> lines) {
                    this.lines = List.copyOf(lines);
                }

                /** The sum of all lines after discounts, before tax; an empty invoice totals zero. */
                @Override
                public BigDecimal total() {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (Line line : lines) {
                        sum = sum.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
                    }
                    return sum.subtract(discount(sum));
                }

                /* A 5% discount on invoices above 1000 { not a block } */
                BigDecimal discount(BigDecimal sum) {
                    if (sum.compareTo(BigDecimal.valueOf(1000)) > 0) {
                        return sum.multiply(new BigDecimal("0.05"));
                    }
                    return BigDecimal.ZERO;
                }

                record Line(String description, BigDecimal price, int quantity) {
                }
            }
            """;

    @Test
    void splitsALargeJavaClassIntoItsMembersNamedByClassAndMember() {
        ChunkedDocument document = new CodeChunker(TOKENS, SMALL, CodeChunker.Language.BRACES)
            .chunk(JAVA, "src/main/java/com/acme/billing/Invoice.java");

        assertThat(document.title()).isEqualTo("src/main/java/com/acme/billing/Invoice.java");
        List<String> paths = document.chunks().stream().map(Chunk::sectionPath).toList();
        assertThat(paths).contains("src/main/java/com/acme/billing/Invoice.java > imports",
                "src/main/java/com/acme/billing/Invoice.java > Invoice",
                "src/main/java/com/acme/billing/Invoice.java > Invoice > total",
                "src/main/java/com/acme/billing/Invoice.java > Invoice > discount, Line");
        assertThat(document.chunks()).filteredOn(chunk -> chunk.sectionPath().endsWith("> total"))
            .singleElement()
            .satisfies(chunk -> assertThat(chunk.text()).startsWith("    /** The sum of all lines")
                .contains("@Override")
                .endsWith("return sum.subtract(discount(sum));\n    }"));
        assertThat(document.chunks()).filteredOn(chunk -> chunk.sectionPath().endsWith("Invoice"))
            .first()
            .satisfies(chunk -> assertThat(chunk.text()).contains("/** An invoice: its lines and what the customer owes. */",
                    "public final class Invoice {"));
        assertThat(document.chunks()).allSatisfy(chunk -> assertThat(chunk.tokenCount()).isLessThanOrEqualTo(120));
        assertThat(Fixtures.words(document.chunks())).containsAll(Fixtures.words(JAVA.replace("}\n", "\n")));
    }

    @Test
    void keepsASmallFileInOneChunkNamedByItsDeclaration() {
        String java = """
                package com.acme;

                import java.util.UUID;

                record CustomerId(UUID value) {
                }
                """;

        ChunkedDocument document = new CodeChunker(TOKENS, ChunkingSettings.defaults(), CodeChunker.Language.BRACES)
            .chunk(java, "CustomerId.java");

        assertThat(document.chunks()).singleElement().satisfies(chunk -> {
            assertThat(chunk.sectionPath()).isEqualTo("CustomerId.java > CustomerId");
            assertThat(chunk.text()).isEqualTo(java.strip());
        });
    }

    @Test
    void splitsGoByTopLevelFunctionsAndMethods() {
        String go = """
                package shipping

                import (
                	"errors"
                	"time"
                )

                // ErrUnknownCarrier is returned for carriers we do not integrate with.
                var ErrUnknownCarrier = errors.New("unknown carrier")

                // EstimateDelivery returns when a parcel handed over now should arrive, skipping weekends.
                func EstimateDelivery(carrier string, from time.Time) (time.Time, error) {
                	days, ok := transitDays[carrier]
                	if !ok {
                		return time.Time{}, ErrUnknownCarrier
                	}
                	at := from
                	for days > 0 {
                		at = at.AddDate(0, 0, 1)
                		if at.Weekday() != time.Saturday && at.Weekday() != time.Sunday {
                			days--
                		}
                	}
                	return at, nil
                }

                // Label prints the shipping label of a parcel: recipient, address lines and the tracking barcode.
                func (p *Parcel) Label() string {
                	return p.Recipient + "\\n" + p.Address + "\\n" + barcode(p.TrackingNumber) + "\\n" + p.Carrier + " " + p.Service
                }
                """;

        ChunkedDocument document = new CodeChunker(TOKENS, new ChunkingSettings(200, 0, 10), CodeChunker.Language.BRACES)
            .chunk(go, "shipping/estimate.go");

        assertThat(document.chunks()).map(Chunk::sectionPath)
            .contains("shipping/estimate.go > EstimateDelivery", "shipping/estimate.go > Label");
        assertThat(document.chunks()).filteredOn(chunk -> chunk.sectionPath().endsWith("EstimateDelivery"))
            .singleElement()
            .satisfies(chunk -> assertThat(chunk.text()).startsWith("// EstimateDelivery returns").endsWith("return at, nil\n}"));
    }

    @Test
    void splitsTypeScriptExportsAndNamesArrowFunctionsByTheirConstant() {
        String ts = """
                import { api } from "./api";

                export interface Refund {
                  orderId: string;
                  amountCents: number;
                  reason: "damaged" | "late" | "unwanted";
                }

                /** Asks the billing API for a refund; rejected when the order is older than 30 days. */
                export const requestRefund = async (refund: Refund): Promise<string> => {
                  const response = await api.post(`/refunds/${refund.orderId}`, { amount: refund.amountCents, reason: refund.reason });
                  if (response.status === 409) {
                    throw new Error("The refund window of 30 days has passed for this order.");
                  }
                  return response.data.refundId;
                };

                export function formatAmount(cents: number, currency = "EUR"): string {
                  return new Intl.NumberFormat("en", { style: "currency", currency }).format(cents / 100);
                }
                """;

        ChunkedDocument document = new CodeChunker(TOKENS, new ChunkingSettings(150, 0, 10), CodeChunker.Language.BRACES)
            .chunk(ts, "web/src/refunds.ts");

        assertThat(document.chunks()).map(Chunk::sectionPath)
            .contains("web/src/refunds.ts > Refund", "web/src/refunds.ts > requestRefund",
                    "web/src/refunds.ts > formatAmount");
        assertThat(document.chunks()).filteredOn(chunk -> chunk.sectionPath().endsWith("requestRefund"))
            .singleElement()
            .satisfies(chunk -> assertThat(chunk.text()).startsWith("/** Asks the billing API").endsWith("};"));
    }

    @Test
    void splitsPythonByIndentationKeepingDecoratorsAndDocstringsWithTheirFunction() {
        String python = """
                \"\"\"Refund rules for the support bot.

                def is_not_code(): this line is inside the module docstring
                \"\"\"
                import datetime
                from decimal import Decimal

                REFUND_WINDOW_DAYS = 30


                @dataclass
                class Order:
                    \"\"\"An order as the billing system exports it.\"\"\"

                    id: str
                    placed_at: datetime.date
                    total: Decimal

                    def age_in_days(self, today: datetime.date) -> int:
                        \"\"\"Whole days since the order was placed, counting the day of delivery as day one.\"\"\"
                        return (today - self.placed_at).days

                    def refundable(self, today: datetime.date) -> bool:
                        \"\"\"Orders can be refunded within the window, gift cards never.\"\"\"
                        if self.id.startswith("GC-"):
                            return False
                        return self.age_in_days(today) <= REFUND_WINDOW_DAYS


                def refund_amount(order: Order, damaged: bool) -> Decimal:
                    \"\"\"Full refund for damaged goods, else the total minus a 10% restocking fee.\"\"\"
                    return order.total if damaged else order.total * Decimal("0.9")
                """;

        ChunkedDocument document = new CodeChunker(TOKENS, new ChunkingSettings(80, 0, 10), CodeChunker.Language.PYTHON)
            .chunk(python, "billing/refunds.py");

        List<String> paths = document.chunks().stream().map(Chunk::sectionPath).toList();
        assertThat(paths).contains("billing/refunds.py > Order > age_in_days", "billing/refunds.py > Order > refundable",
                "billing/refunds.py > refund_amount")
            .doesNotContain("billing/refunds.py > is_not_code");
        assertThat(document.chunks()).filteredOn(chunk -> chunk.sectionPath().endsWith("> Order"))
            .first()
            .satisfies(chunk -> assertThat(chunk.text()).startsWith("@dataclass\nclass Order:"));
        assertThat(document.chunks()).filteredOn(chunk -> chunk.sectionPath().endsWith("refund_amount"))
            .singleElement()
            .satisfies(chunk -> assertThat(chunk.text()).startsWith("def refund_amount").contains("restocking fee"));
    }

    @Test
    void splitsAFunctionAboveTheSizeLimitAsTextRatherThanIntoStatements() {
        ChunkedDocument document = new CodeChunker(TOKENS, new ChunkingSettings(40, 0, 10), CodeChunker.Language.BRACES)
            .chunk(JAVA, "Invoice.java");

        assertThat(document.chunks()).filteredOn(chunk -> chunk.sectionPath().equals("Invoice.java > Invoice > total"))
            .hasSizeGreaterThan(1)
            .allSatisfy(chunk -> assertThat(chunk.tokenCount()).isLessThanOrEqualTo(40));
        assertThat(document.chunks()).map(Chunk::sectionPath).noneMatch(path -> path.contains("> for") || path.contains("> add"));
    }

    @Test
    void knowsLanguagesByExtension() {
        assertThat(CodeChunker.Language.of("src/App.tsx")).contains(CodeChunker.Language.BRACES);
        assertThat(CodeChunker.Language.of("main.GO")).contains(CodeChunker.Language.BRACES);
        assertThat(CodeChunker.Language.of("tools/sync.py")).contains(CodeChunker.Language.PYTHON);
        assertThat(CodeChunker.Language.of("notes.md")).isEmpty();
        assertThat(CodeChunker.Language.of("Makefile")).isEmpty();
    }
}
