package io.banditore.directory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.banditore.support.BuiltInChannels;

/** The real gazetteer and the test directories (src/test/resources/directory), without a running service. */
public final class DirectoryFixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    public static final Gazetteer GAZETTEER = new Gazetteer(MAPPER);

    public static TargetDirectory directory(String resource) {
        return new TargetDirectory(() -> "classpath:directory/" + resource, new TargetValidator(GAZETTEER, BuiltInChannels.declared()));
    }

    private DirectoryFixtures() {
    }
}
