package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.StructuredFields;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AAuthRequirementTest {

    @Test
    @DisplayName("\"AAuth-Requirement: requirement=auth-token; resource-token=\\\"eyJ...\\\"\"")
    void authTokenRequirementHasTheDraftsShape() {
        String value = AAuthRequirement.authToken("eyJ.a.b");
        assertEquals("requirement=auth-token;resource-token=\"eyJ.a.b\"", value);
        Dictionary d = StructuredFields.parseDictionary(value);
        Item requirement = (Item) d.get("requirement");
        assertEquals("auth-token", requirement.tokenValue());
        assertEquals("eyJ.a.b", requirement.parameters().getString("resource-token"));
    }
}
