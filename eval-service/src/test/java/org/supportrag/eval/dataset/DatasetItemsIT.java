package org.supportrag.eval.dataset;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.CaseType;
import org.supportrag.eval.testing.EvalIT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
@EvalIT
class DatasetItemsIT {

    @Autowired
    DatasetItems datasets;

    private final String tenant = "t-" + UUID.randomUUID();

    @Test
    void appendingCreatesTheNextVersionWithThePreviousItemsAndReplacesAnItemWithTheSameId() {
        DatasetVersion first = datasets.append(tenant, "accepted", List.of(item("a", "one"), item("b", "two")), "admin");
        DatasetVersion second = datasets.append(tenant, "accepted", List.of(item("b", "two, corrected"),
                item("c", "three")), "candidates");

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.itemCount()).isEqualTo(3);
        assertThat(second.createdBy()).isEqualTo("candidates");
        assertThat(datasets.items(tenant, "accepted", 1).orElseThrow()).extracting(AnswerCase::reference)
            .containsExactly("one", "two");
        assertThat(datasets.items(tenant, "accepted", 2).orElseThrow()).extracting(AnswerCase::reference)
            .containsExactly("one", "two, corrected", "three");
        assertThat(datasets.latest(tenant, "accepted")).contains(second);
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        datasets.append(tenant, "mine", List.of(item("a", "x")), "admin");

        assertThat(datasets.items("other-" + tenant, "mine", 1)).isEmpty();
        assertThat(datasets.latest("other-" + tenant, "mine")).isEmpty();
        assertThat(datasets.items(tenant, "mine", 2)).isEmpty();
    }

    @Test
    void anAppendRepeatingAnIdIsRefusedAndStoresNothing() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> datasets.append(tenant, "dupes", List.of(item("a", "1"), item("a", "2")), "admin"))
            .withMessageContaining("'a' appears twice");

        assertThat(datasets.latest(tenant, "dupes")).isEmpty();
    }

    @Test
    void keepsEveryFieldOfACase() {
        AnswerCase full = new AnswerCase("m1", CaseType.MULTITURN, List.of("first", "second"), List.of("f[0-9]"),
                List.of("help-center/a.md"), "ref", "kb1", java.util.Map.of("split", "test", "n", 3));

        datasets.append(tenant, "full", List.of(full), "admin");

        assertThat(datasets.items(tenant, "full", 1).orElseThrow()).containsExactly(full);
    }

    private static AnswerCase item(String id, String reference) {
        return AnswerCase.of(id, CaseType.ANSWERABLE, List.of("question " + id), List.of(), List.of(), reference);
    }
}
