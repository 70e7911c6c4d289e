package io.bilateral.query.readmodel.register;

import io.bilateral.events.cameo.CameoCode;
import io.bilateral.events.cameo.CameoCodebook;
import io.bilateral.query.rest.NotFoundProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;

/** The shipped CAMEO codebook: every code an Interaction may carry, with the coding it gets. */
@Path("/cameo")
@Produces(MediaType.APPLICATION_JSON)
public class CameoResource {

    @GET
    @Operation(summary = "The CAMEO event codebook: code, label, root, quad class, Goldstein score, PLOVER category")
    public List<CameoCode> codes(@Parameter(description = "only the codes under this root (two digits)", example = "16") @QueryParam("root") String root) {
        return CameoCodebook.all().stream().filter(c -> root == null || root.isBlank() || c.root().equals(root)).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One CAMEO code")
    public CameoCode code(@Parameter(example = "163") @PathParam("code") String code) {
        return CameoCodebook.find(code).orElseThrow(() -> new NotFoundProblem("'" + code + "' is not a code of the CAMEO event codebook"));
    }
}
