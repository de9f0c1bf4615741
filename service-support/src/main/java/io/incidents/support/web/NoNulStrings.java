package io.incidents.support.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Refuses NUL characters in every JSON string a service reads: PostgreSQL cannot store them
 * in text columns, so one accepted NUL would fail every later write of it, downstream too.
 */
public final class NoNulStrings {

    private NoNulStrings() {
    }

    public static SimpleModule module() {
        return new SimpleModule("no-nul-strings").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (value != null && value.indexOf('\u0000') >= 0) {
                    // The value itself is not echoed: it would carry the NUL into the error answer.
                    throw InvalidFormatException.from(parser, "a text contains a NUL character, which is not allowed", null,
                            String.class);
                }
                return value;
            }
        });
    }
}
