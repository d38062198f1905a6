package dev.aauth.jakarta.consent;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A form post whose view cannot be restored (its view state expired, was never issued, or does not
 * decode) answers {@code 400} "This form is no longer valid", on every Faces implementation: the
 * standard {@code ExceptionHandlerFactory} (faces-config.xml), not a container error page, whose
 * matching of wrapped exceptions differs between servers (MyFaces throws {@code
 * ViewExpiredException}, Mojarra wraps it; a view state that does not decode ends in other
 * exceptions). Everything else goes on to the default handler (and to {@link ProblemServlet}).
 */
public class RestoreFailures extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(RestoreFailures.class.getName());

    public RestoreFailures(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    /**
     * A view that could not be restored: {@code ViewExpiredException} anywhere in the causes, or
     * any failure while restoring the view of a postback.
     */
    static boolean restoreFailure(Throwable error, PhaseId phase, boolean postback) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ViewExpiredException) {
                return true;
            }
        }
        return postback && PhaseId.RESTORE_VIEW.equals(phase);
    }

    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            FacesContext faces = FacesContext.getCurrentInstance();
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                ExceptionQueuedEventContext event = events.next().getContext();
                if (faces == null
                        || !restoreFailure(
                                event.getException(), event.getPhaseId(), faces.isPostback())) {
                    continue;
                }
                events.remove();
                LOG.log(
                        Level.FINE,
                        "form post with a view that cannot be restored",
                        event.getException());
                HttpServletResponse response =
                        (HttpServletResponse) faces.getExternalContext().getResponse();
                if (!response.isCommitted()) {
                    response.reset();
                    try {
                        ProblemServlet.invalidForm(response);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                faces.responseComplete();
            }
            getWrapped().handle();
        }
    }
}
