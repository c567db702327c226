package io.banditore.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A CAP resource: a file (image, audio, document) that supplements the info block. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Resource(String resourceDesc, String mimeType, Long size, String uri, String derefUri, String digest) {
}
