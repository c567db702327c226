package io.banditore.intake;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.banditore.alert.AlertValidator;

/** The alert's validator as the intake configures it: the clock tolerance is read in one place, IntakeConfig. */
@Singleton
public class IntakeValidation {

    @Produces
    @Singleton
    AlertValidator validator(Clock clock, IntakeConfig config) {
        return new AlertValidator(clock, config.clockTolerance());
    }
}
