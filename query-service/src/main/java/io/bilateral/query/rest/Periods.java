package io.bilateral.query.rest;

import io.bilateral.events.time.InvalidPartialDateException;
import io.bilateral.events.time.PartialDate;

import java.time.LocalDate;

/** Query parameters that bound a period, as EDTF dates: "from 2019" starts on 2019-01-01, "to 2019" ends on 2019-12-31. */
public final class Periods {

    private Periods() {
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
