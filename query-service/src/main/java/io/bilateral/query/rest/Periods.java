package io.bilateral.query.rest;

import io.bilateral.events.time.InvalidPartialDateException;
import io.bilateral.events.time.PartialDate;

import java.time.LocalDate;

/**
 * Query parameters: periods as EDTF dates ("from 2019" starts on 2019-01-01, "to 2019" ends on
 * 2019-12-31) and bounded numbers, each refused with a 400 that names the parameter.
 */
public final class Periods {

    private Periods() {
    }

    /** A whole-number parameter within [min, max], or its default when absent; else a 400 naming it. */
    public static int bounded(String parameter, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidParameterException(parameter, "must be a whole number from " + min + " to " + max);
    }

    public static LocalDate start(String parameter, String edtf) {
        return parse(parameter, edtf, true);
    }

    public static LocalDate end(String parameter, String edtf) {
        return parse(parameter, edtf, false);
    }

    private static LocalDate parse(String parameter, String edtf, boolean start) {
        if (edtf == null || edtf.isBlank()) {
            return null;
        }
        try {
            PartialDate date = PartialDate.parse(edtf);
            return start ? date.earliest() : date.latest();
        } catch (InvalidPartialDateException e) {
            throw new InvalidParameterException(parameter, e.getMessage());
        }
    }
}
