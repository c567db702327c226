package io.banditore.alert;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One CAP info block: the alert told in one language. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Info(
        String language,
        List<String> category,
        String event,
        List<String> responseType,
        Urgency urgency,
        Severity severity,
        Certainty certainty,
        String audience,
        List<NamedValue> eventCode,
        OffsetDateTime effective,
        OffsetDateTime onset,
        OffsetDateTime expires,
        String senderName,
        String headline,
        String description,
        String instruction,
        String web,
        String contact,
        List<NamedValue> parameter,
        List<Resource> resource,
        List<Area> area) {

    public Info {
        category = category == null ? List.of() : List.copyOf(category);
        responseType = responseType == null ? List.of() : List.copyOf(responseType);
        eventCode = eventCode == null ? List.of() : List.copyOf(eventCode);
        parameter = parameter == null ? List.of() : List.copyOf(parameter);
        resource = resource == null ? List.of() : List.copyOf(resource);
        area = area == null ? List.of() : List.copyOf(area);
    }

    /** CAP's default language when the block names none. */
    public String languageOrDefault() {
        return language == null || language.isBlank() ? "en-US" : language;
    }

    /** The value of the first parameter with this name, if any. */
    public java.util.Optional<String> parameterValue(String name) {
        return parameter.stream().filter(p -> name.equalsIgnoreCase(p.valueName())).map(NamedValue::value).findFirst();
    }
}
