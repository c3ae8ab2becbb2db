package org.supportrag.generation.texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerTextsTests {

    final CustomerTexts texts = new CustomerTexts();

    static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CustomerTextsTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyTextHasAnEnglishAndADifferentGermanWordingAndNoBundleHoldsAnUnknownKey() throws IOException {
        Properties english = bundle("messages/customer.properties");
        Properties german = bundle("messages/customer_de.properties");
        String[] keys = Arrays.stream(CustomerText.values()).map(CustomerText::key).toArray(String[]::new);

        assertThat(english.stringPropertyNames()).containsExactlyInAnyOrder(keys);
        assertThat(german.stringPropertyNames()).containsExactlyInAnyOrder(keys);
        for (String key : keys) {
            assertThat(english.getProperty(key)).as(key).isNotBlank().isNotEqualTo(german.getProperty(key));
            assertThat(german.getProperty(key)).as(key).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = "messages/answers")
    void theOtherCustomerBundlesHaveTheSameKeysInBothLanguages(String basename) throws IOException {
        assertThat(bundle(basename + "_de.properties").stringPropertyNames())
            .isNotEmpty()
            .isEqualTo(bundle(basename + ".properties").stringPropertyNames());
    }

    @Test
    void aGermanMessageGetsTheGermanTextAndAnEnglishOneTheEnglishText() {
        assertThat(texts.forMessage(CustomerText.ESCALATION_REQUESTED, "Ich möchte mit einem Menschen sprechen"))
            .startsWith("Gerne.");
        assertThat(texts.forMessage(CustomerText.ESCALATION_REQUESTED, "Can I talk to a person?"))
            .startsWith("Of course.");
    }

    @Test
    void englishStaysEnglishOnAServerWhoseOwnLocaleIsGerman() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMAN);
        try {
            assertThat(new CustomerTexts().get(CustomerText.GUARDRAIL_MODERATION, Locale.ENGLISH))
                .isEqualTo("I'm sorry, I can't help with that request.");
            assertThat(new CustomerTexts().get(CustomerText.GUARDRAIL_MODERATION, Locale.FRENCH))
                .isEqualTo("I'm sorry, I can't help with that request.");
        }
        finally {
            Locale.setDefault(before);
        }
    }
}
