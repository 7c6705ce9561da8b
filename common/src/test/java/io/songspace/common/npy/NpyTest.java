package io.songspace.common.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void float32MatrixRoundTripsWithAnAlignedNumpyHeader() {
        float[] data = {1.5f, -2.25f, 3e-8f, Float.MAX_VALUE, 0f, -0f};
        byte[] bytes = Npy.write(NpyArray.ofFloats(data, 2, 3));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, "numpy aligns the data to 64 bytes");
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertEquals('\n', header.charAt(header.length() - 1));
        NpyArray back = Npy.read(bytes);
        assertArrayEquals(new int[] {2, 3}, back.shape());
        assertArrayEquals(data, back.floats());
        assertEquals(10 + headerLength + data.length * 4, bytes.length);
    }

    @Test
    void oneDimensionalShapesKeepNumpysTrailingComma() {
        byte[] bytes = Npy.write(NpyArray.ofLongs(new long[] {4, -1, 7}, 3));
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("'shape': (3,)"));
        assertArrayEquals(new long[] {4, -1, 7}, Npy.read(bytes).longs());
        assertArrayEquals(new int[] {4, -1, 7}, Npy.read(bytes).toInts());
    }

    @Test
    void float64AndMatrixViews() {
        NpyArray a = Npy.read(Npy.write(NpyArray.ofDoubles(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)));
        double[][] m = a.toMatrix();
        assertEquals(3, m.length);
        assertArrayEquals(new double[] {5, 6}, m[2]);
    }

    @Test
    void npzHoldsNamedArraysInOrder() throws Exception {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("mfcc40", NpyArray.ofFloats(new float[40], 40));
        arrays.put("patch", NpyArray.ofFloats(new float[20 * 128], 20, 128));
        byte[] npz = Npy.writeNpz(arrays);
        Map<String, NpyArray> back = Npy.readNpz(npz);
        assertEquals(java.util.List.of("mfcc40", "patch"), java.util.List.copyOf(back.keySet()));
        assertArrayEquals(new int[] {20, 128}, back.get("patch").shape());
        // stored uncompressed, as numpy.savez writes them
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(npz))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertEquals(java.util.zip.ZipEntry.STORED, entry.getMethod(), entry.getName());
            }
        }
    }

    @Test
    void rejectsWhatIsNotNpyAndShapesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> Npy.read("not numpy at all".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloats(new float[5], 2, 3));
    }

    @Test
    void readsArraysWrittenByNumpy() throws Exception {
        Path fixtures = Path.of(System.getProperty("songspace.fixtures", "../../shared/fixtures"));
        Path patch = fixtures.resolve("mfcc/wav22k__solo_trumpet.patch.npy");
        Assumptions.assumeTrue(Files.isRegularFile(patch), patch + " absent: skipping the numpy-written file check");
        NpyArray a = Npy.read(Files.readAllBytes(patch));
        assertArrayEquals(new int[] {20, 128}, a.shape());
        assertTrue(a.floats() != null && Float.isFinite(a.floats()[0]));
        assertArrayEquals(Files.readAllBytes(patch), Npy.write(a), "numpy's own bytes are reproduced exactly");
    }
}
