package org.supportrag.ingestion.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTests {

    @Test
    void recognisesCommonSupportLanguages() {
        assertThat(LanguageDetector.detect("""
                To reset your password, open the sign-in page and choose "Forgot password". We will send you a link
                that is valid for one hour. If you do not get the e-mail, check your spam folder.""")).isEqualTo("en");
        assertThat(LanguageDetector.detect("""
                Um Ihr Passwort zurückzusetzen, öffnen Sie die Anmeldeseite und wählen Sie "Passwort vergessen". Wir
                senden Ihnen einen Link, der eine Stunde gültig ist. Wenn die E-Mail nicht ankommt, prüfen Sie den
                Spam-Ordner.""")).isEqualTo("de");
        assertThat(LanguageDetector.detect("""
                Pour réinitialiser votre mot de passe, ouvrez la page de connexion et choisissez « Mot de passe
                oublié ». Nous vous envoyons un lien qui est valable pendant une heure dans votre boîte.""")).isEqualTo("fr");
        assertThat(LanguageDetector.detect("""
                Para restablecer la contraseña, abra la página de inicio de sesión y elija "Olvidé mi contraseña". Le
                enviaremos un enlace que es válido durante una hora para su cuenta.""")).isEqualTo("es");
    }

    @Test
    void answersNullForTextTooShortToTell() {
        assertThat(LanguageDetector.detect("Order #4411")).isNull();
        assertThat(LanguageDetector.detect("")).isNull();
    }
}
