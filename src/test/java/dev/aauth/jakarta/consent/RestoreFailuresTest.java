package dev.aauth.jakarta.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.event.PhaseId;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RestoreFailuresTest {

    @Test
    @DisplayName(
            "a view that cannot be restored is 'This form is no longer valid': ViewExpiredException, bare or wrapped, or any failure restoring a postback")
    void restoreFailures() {
        ViewExpiredException expired = new ViewExpiredException("gone", "/interaction.xhtml");
        assertTrue(RestoreFailures.restoreFailure(expired, PhaseId.RESTORE_VIEW, true));
        assertTrue(
                RestoreFailures.restoreFailure(
                        new FacesException(new ServletException(expired)),
                        PhaseId.RENDER_RESPONSE,
                        false),
                "wrapped, as Mojarra throws it");
        assertTrue(
                RestoreFailures.restoreFailure(
                        new IllegalArgumentException("bad base64"), PhaseId.RESTORE_VIEW, true),
                "a view state that does not decode");
    }

    @Test
    @DisplayName("other failures are not: they stay 500 (ProblemServlet), logged")
    void otherFailures() {
        assertFalse(
                RestoreFailures.restoreFailure(
                        new IllegalStateException("bug"), PhaseId.INVOKE_APPLICATION, true));
        assertFalse(
                RestoreFailures.restoreFailure(
                        new IllegalStateException("bug"), PhaseId.RESTORE_VIEW, false),
                "restoring a GET's view is not a form problem");
        assertFalse(
                RestoreFailures.restoreFailure(
                        new FacesException("render"), PhaseId.RENDER_RESPONSE, true));
    }
}
