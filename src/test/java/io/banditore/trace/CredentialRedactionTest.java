package io.banditore.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A provider call's URL goes into its span without the credentials it can carry. */
class CredentialRedactionTest {

    @Test
    void theBotTokenUserInfoAndQueryNeverReachASpan() {
        assertThat(CredentialRedaction.redact("https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage"))
                .isEqualTo("https://api.telegram.org/bot{token}/sendMessage");
        assertThat(CredentialRedaction.redact("https://user:secret@upload.example/video?upload_id=1&signature=abc#x"))
                .isEqualTo("https://upload.example/video");
        assertThat(CredentialRedaction.redact("https://api.x.com/2/tweets")).isEqualTo("https://api.x.com/2/tweets");
        assertThat(CredentialRedaction.redact("https://open.tiktokapis.com/v2/post/publish/video/init/"))
                .isEqualTo("https://open.tiktokapis.com/v2/post/publish/video/init/");
    }
}
