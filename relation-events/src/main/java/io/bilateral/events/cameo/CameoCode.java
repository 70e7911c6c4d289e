package io.bilateral.events.cameo;

/**
 * One code of the CAMEO event codebook: its label, its root (the first two digits), GDELT's
 * quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
 * conflict), its Goldstein score and the PLOVER category of its root (null for root 01).
 */
public record CameoCode(String code, String label, String root, int quadClass, double goldstein, String plover) {
}
