package io.banditore.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.banditore.support.AlertFixtures;

/** The published JSON Schema says what the service takes and what alerts.v1 carries: checked against real alerts. */
class AlertSchemaTest {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static JsonSchema schema() {
        InputStream in = AlertSchemaTest.class.getClassLoader().getResourceAsStream("schema/alert.v1.json");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }

    @Test
    void theFixtureAndItsRecordFormMatchTheSchema() throws Exception {
        JsonNode posted = MAPPER.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        assertThat(schema().validate(posted)).isEmpty();
        // What the service writes (the record serialised) matches too.
        Alert alert = MAPPER.treeToValue(posted, Alert.class);
        assertThat(schema().validate(MAPPER.valueToTree(alert))).isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheServiceRefuses() throws Exception {
        ObjectNode alert = (ObjectNode) MAPPER.readTree(AlertFixtures.json("chivasso-rain-actual.json"));
        alert.put("status", "Real");
        alert.remove("scope");
        ObjectNode info = (ObjectNode) alert.path("info").get(0);
        info.put("instrucion", "typo");
        ((ObjectNode) info.path("area").get(0)).putArray("polygon").add("45.1,7.8 45.2,7.9");
        Set<ValidationMessage> errors = schema().validate(alert);
        assertThat(errors).extracting(ValidationMessage::getInstanceLocation).map(Object::toString)
                .contains("$.status", "$", "$.info[0]", "$.info[0].area[0].polygon[0]");
    }
}
