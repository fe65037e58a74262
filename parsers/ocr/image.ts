// Greyscale page images: the skew of a scanned sheet measured and undone, so that text lines and
// ruling lines run straight across the page (a 0.5° turn moves the end of a 500-pt line by 4 pt,
// half a line of text, and rows of a table would no longer line up).

/** 8-bit greyscale pixels, row by row, 0 black – 255 white. */
export interface GreyImage { width: number; height: number; data: Uint8Array }

/** Dark enough to be ink (text or rule) on a scanned page. */
export const INK = 150;

/**
 * The skew of the page in degrees (positive: turned clockwise on screen), from the projection
 * profile: rows of text give the sharpest profile when the projection follows their slope.
 */
export function estimateSkew(img: GreyImage, maxDegrees = 2, step = 0.05): number {
  // ink pixels of a version at most ~800 px wide
  const f = Math.max(1, Math.floor(img.width / 800));
  const xs: number[] = [], ys: number[] = [];
  for (let y = 0; y < img.height; y += f) {
    for (let x = 0; x < img.width; x += f) {
      if (img.data[y * img.width + x] < INK) { xs.push(x); ys.push(y); }
    }
  }
  if (xs.length < 200) return 0;
  const rows = new Float64Array(Math.ceil(img.height / f) + Math.ceil(img.width / f) * 2 + 8);
  const offset = Math.ceil(img.width / f);
  let best = 0, bestScore = -1;
  for (let a = -maxDegrees; a <= maxDegrees + 1e-9; a += step) {
    const t = Math.tan((a * Math.PI) / 180);
    rows.fill(0);
    for (let i = 0; i < xs.length; i++) rows[Math.round((ys[i] - xs[i] * t) / f) + offset]++;
    let score = 0;
    for (let i = 0; i < rows.length; i++) score += rows[i] * rows[i];
    if (score > bestScore) { bestScore = score; best = a; }
  }
  // the profile's slope tan(a) is the turn: y grows by x·tan(a) along a line of text
  return Math.round(best * 100) / 100;
}

/** Turns the image by `degrees` about its centre (bilinear), paper white outside. */
export function rotate(img: GreyImage, degrees: number): GreyImage {
  if (!degrees) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const a = (degrees * Math.PI) / 180, cos = Math.cos(a), sin = Math.sin(a);
  const cx = w / 2, cy = h / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const sx = cos * dx + sin * dy + cx, sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) { out[y * w + x] = 255; continue; }
      const fx = sx - x0, fy = sy - y0, p = y0 * w + x0;
      out[y * w + x] = (data[p] * (1 - fx) + data[p + 1] * fx) * (1 - fy) + (data[p + w] * (1 - fx) + data[p + w + 1] * fx) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** The page straightened: turned back by its measured skew. */
export function deskew(img: GreyImage): { image: GreyImage; degrees: number } {
  const degrees = estimateSkew(img);
  return { image: Math.abs(degrees) >= 0.05 ? rotate(img, -degrees) : img, degrees };
}
