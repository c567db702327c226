package io.banditore.intake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.alert.Alert;
import io.banditore.alert.Senders;

/** What makes two posts the same alert: a hash of its JSON form, the sender compared as an address. */
final class ContentHash {

    static String of(ObjectMapper mapper, Alert alert) {
        try {
            byte[] canonical = mapper.writeValueAsBytes(new Alert(alert.identifier(), Senders.normalised(alert.sender()), alert.sent(),
                    alert.status(), alert.msgType(), alert.source(), alert.scope(), alert.restriction(), alert.addresses(), alert.code(),
                    alert.note(), alert.references(), alert.incidents(), alert.info()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ContentHash() {
    }
}
