//! Deterministic drawing geometry for the network of `tahlil report`.
//!
//! * [`fruchterman_reingold`] places the nodes with the force-directed algorithm of
//!   Fruchterman & Reingold (1991), "Graph drawing by force-directed placement",
//!   *Software: Practice and Experience* 21(11):1129–1164: every pair of nodes repels with
//!   force k²/d, every edge attracts its ends with force d²/k (here multiplied by the edge's
//!   weight), and each node moves along its net force by at most the current
//!   *temperature*, which cools linearly to zero; positions stay inside the frame.
//! * [`remove_overlaps`] then pushes apart the boxes of nodes and their labels that still
//!   overlap.
//!
//! Same input, same picture: the initial placement is a fixed sunflower (Vogel) spiral in
//! node order, the iteration count is fixed, no random numbers and no trigonometric
//! functions of the platform's maths library are used, and every sum runs in a fixed order,
//! so the coordinates are identical on every run and for any thread count.
//!
//! No crate was used for this: the force-directed crates found (`force_graph`,
//! `forceatlas2`, `graph-layout`) start from random positions or simulate in `f32`
//! frames for games, and the algorithm is a few dozen lines.

/// A point or a displacement, in drawing units (SVG user units, ≈ CSS pixels).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal coordinate, growing to the right.
    pub x: f64,
    /// Vertical coordinate, growing downwards.
    pub y: f64,
}

/// The rectangle the layout must stay in, in drawing units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width (> 0).
    pub width: f64,
    /// Height (> 0).
    pub height: f64,
}

impl Frame {
    fn clamp(&self, p: Point) -> Point {
        Point {
            x: p.x.clamp(self.left, self.left + self.width),
            y: p.y.clamp(self.top, self.top + self.height),
        }
    }

    fn center(&self) -> Point {
        Point { x: self.left + self.width / 2.0, y: self.top + self.height / 2.0 }
    }
}

/// An edge for the layout: the indices of its two nodes and its weight, a multiplier of the
/// attractive force (1 is the plain algorithm; the report uses 0.5–1.5 by edge strength).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutEdge {
    /// One end (index into the nodes).
    pub a: usize,
    /// The other end.
    pub b: usize,
    /// Attraction multiplier (> 0).
    pub weight: f64,
}

/// Iterations of [`fruchterman_reingold`] used by the report.
pub const ITERATIONS: usize = 400;

/// cos and sin of the golden angle π(3 − √5) ≈ 2.39996 rad, written out so that the spiral
/// does not depend on the platform's `cos`/`sin`.
const GOLDEN_COS: f64 = -0.737_368_878_078_319_6;
const GOLDEN_SIN: f64 = 0.675_490_294_261_523_9;

/// The initial placement: node `i` of `n` on a sunflower spiral around the frame's centre
/// (radius ∝ √((i + ½)/n), angle i × golden angle), so that the first nodes (the report
/// passes the most mentioned first) start in the middle.
fn spiral(n: usize, frame: &Frame) -> Vec<Point> {
    let c = frame.center();
    let rx = frame.width * 0.45;
    let ry = frame.height * 0.45;
    let mut dir = Point { x: 1.0, y: 0.0 };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let r = ((i as f64 + 0.5) / n.max(1) as f64).sqrt();
        out.push(Point { x: c.x + rx * r * dir.x, y: c.y + ry * r * dir.y });
        // rotate by the golden angle
        dir = Point {
            x: dir.x * GOLDEN_COS - dir.y * GOLDEN_SIN,
            y: dir.x * GOLDEN_SIN + dir.y * GOLDEN_COS,
        };
    }
    out
}

/// Places `n` nodes joined by `edges` inside `frame` with the Fruchterman–Reingold
/// algorithm (see the module docs), running `iterations` steps. The ideal edge length is
/// k = 0.75 √(area / n); the temperature starts at a tenth of the frame's width and falls
/// linearly to 0. Edges whose ends are out of range are ignored. Returns one position per
/// node, in node order, inside `frame`.
pub fn fruchterman_reingold(
    n: usize,
    edges: &[LayoutEdge],
    frame: &Frame,
    iterations: usize,
) -> Vec<Point> {
    let mut pos = spiral(n, frame);
    if n < 2 {
        return pos;
    }
    let area = frame.width * frame.height;
    let k = 0.75 * (area / n as f64).sqrt();
    let k2 = k * k;
    let t0 = frame.width / 10.0;
    let mut disp = vec![Point::default(); n];
    for it in 0..iterations {
        let t = t0 * (1.0 - it as f64 / iterations as f64);
        disp.iter_mut().for_each(|d| *d = Point::default());
        // repulsion between every pair
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy, d) = delta(pos[i], pos[j], i, j);
                let f = k2 / d;
                let (fx, fy) = (dx / d * f, dy / d * f);
                disp[i].x += fx;
                disp[i].y += fy;
                disp[j].x -= fx;
                disp[j].y -= fy;
            }
        }
        // attraction along edges
        for e in edges {
            if e.a >= n || e.b >= n || e.a == e.b {
                continue;
            }
            let (dx, dy, d) = delta(pos[e.a], pos[e.b], e.a, e.b);
            let f = e.weight * d * d / k;
            let (fx, fy) = (dx / d * f, dy / d * f);
            disp[e.a].x -= fx;
            disp[e.a].y -= fy;
            disp[e.b].x += fx;
            disp[e.b].y += fy;
        }
        // move by at most t, stay in the frame
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d.x * d.x + d.y * d.y).sqrt();
            if len > 0.0 {
                let step = len.min(t);
                *p = frame.clamp(Point { x: p.x + d.x / len * step, y: p.y + d.y / len * step });
            }
        }
    }
    pos
}

/// The vector from `q` to `p` and its length (at least 0.01); coincident points get a
/// small fixed offset that depends on their indices, so they separate deterministically.
fn delta(p: Point, q: Point, i: usize, j: usize) -> (f64, f64, f64) {
    let (mut dx, mut dy) = (p.x - q.x, p.y - q.y);
    let mut d = (dx * dx + dy * dy).sqrt();
    if d < 0.01 {
        dx = if i < j { 0.01 } else { -0.01 };
        dy = 0.005 * ((i + j) % 3) as f64;
        d = (dx * dx + dy * dy).sqrt();
    }
    (dx, dy, d)
}

/// Scales and shifts `points` so that their bounding box fills `frame` (each axis on its
/// own; a single point or a flat axis is centred).
pub fn fit(points: &mut [Point], frame: &Frame) {
    if points.is_empty() {
        return;
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in points.iter() {
        x0 = x0.min(p.x);
        x1 = x1.max(p.x);
        y0 = y0.min(p.y);
        y1 = y1.max(p.y);
    }
    let c = frame.center();
    for p in points.iter_mut() {
        p.x = if x1 - x0 > 1e-9 { frame.left + (p.x - x0) / (x1 - x0) * frame.width } else { c.x };
        p.y = if y1 - y0 > 1e-9 { frame.top + (p.y - y0) / (y1 - y0) * frame.height } else { c.y };
    }
}

/// The space a node and its label take around the node's centre, in drawing units: the box
/// spans `x − half_width … x + half_width` and `y − above … y + below`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Half the box's width.
    pub half_width: f64,
    /// From the node's centre up to the box's top.
    pub above: f64,
    /// From the node's centre down to the box's bottom (the label hangs below the node).
    pub below: f64,
}

/// Moves nodes apart until the boxes given by `extents` (one per node, around each centre
/// in `points`) are at least `gap` apart, for at most `rounds` rounds; each round visits the
/// pairs in index order and separates an overlapping pair along the axis where it overlaps
/// least, half the distance each. Centres stay inside `frame`. Returns the number of pairs
/// still overlapping at the end (0 when all were separated).
pub fn remove_overlaps(
    points: &mut [Point],
    extents: &[Extent],
    frame: &Frame,
    gap: f64,
    rounds: usize,
) -> usize {
    let n = points.len().min(extents.len());
    let mut overlapping = 0;
    for _ in 0..rounds {
        overlapping = 0;
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (extents[i], extents[j]);
                let (pi, pj) = (points[i], points[j]);
                let ox = a.half_width + b.half_width + gap - (pi.x - pj.x).abs();
                // vertical centres and half heights of the boxes
                let (ci, cj) = (pi.y + (a.below - a.above) / 2.0, pj.y + (b.below - b.above) / 2.0);
                let (hi, hj) = ((a.above + a.below) / 2.0, (b.above + b.below) / 2.0);
                let oy = hi + hj + gap - (ci - cj).abs();
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                overlapping += 1;
                if ox < oy {
                    let s = if pi.x < pj.x || (pi.x == pj.x && i < j) { -1.0 } else { 1.0 };
                    points[i].x += s * (ox / 2.0 + 0.01);
                    points[j].x -= s * (ox / 2.0 + 0.01);
                } else {
                    let s = if ci < cj || (ci == cj && i < j) { -1.0 } else { 1.0 };
                    points[i].y += s * (oy / 2.0 + 0.01);
                    points[j].y -= s * (oy / 2.0 + 0.01);
                }
                points[i] = frame.clamp(points[i]);
                points[j] = frame.clamp(points[j]);
            }
        }
        if overlapping == 0 {
            break;
        }
    }
    overlapping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame { left: 0.0, top: 0.0, width: 800.0, height: 600.0 }
    }

    fn star(n: usize) -> Vec<LayoutEdge> {
        (1..n).map(|b| LayoutEdge { a: 0, b, weight: 1.0 }).collect()
    }

    #[test]
    fn deterministic_and_inside_the_frame() {
        let f = frame();
        let a = fruchterman_reingold(12, &star(12), &f, ITERATIONS);
        let b = fruchterman_reingold(12, &star(12), &f, ITERATIONS);
        assert_eq!(a, b);
        assert!(a.iter().all(|p| p.x >= 0.0 && p.x <= 800.0 && p.y >= 0.0 && p.y <= 600.0));
    }

    #[test]
    fn connected_nodes_end_closer_than_unconnected() {
        // two triangles joined by nothing: inside a triangle the nodes are closer than
        // across the two
        let e = |a, b| LayoutEdge { a, b, weight: 1.0 };
        let edges = [e(0, 1), e(1, 2), e(0, 2), e(3, 4), e(4, 5), e(3, 5)];
        let p = fruchterman_reingold(6, &edges, &frame(), ITERATIONS);
        let d = |i: usize, j: usize| ((p[i].x - p[j].x).powi(2) + (p[i].y - p[j].y).powi(2)).sqrt();
        let within = (d(0, 1) + d(1, 2) + d(0, 2) + d(3, 4) + d(4, 5) + d(3, 5)) / 6.0;
        let across = (d(0, 3) + d(1, 4) + d(2, 5)) / 3.0;
        assert!(within < across, "{within} vs {across}");
    }

    #[test]
    fn nodes_do_not_collapse() {
        let p = fruchterman_reingold(20, &star(20), &frame(), ITERATIONS);
        for i in 0..20 {
            for j in i + 1..20 {
                let d = ((p[i].x - p[j].x).powi(2) + (p[i].y - p[j].y).powi(2)).sqrt();
                assert!(d > 5.0, "{i} {j} {d}");
            }
        }
    }

    #[test]
    fn overlaps_are_removed() {
        let f = frame();
        let mut pts = vec![Point { x: 400.0, y: 300.0 }; 6];
        let ext = vec![Extent { half_width: 40.0, above: 10.0, below: 30.0 }; 6];
        let left = remove_overlaps(&mut pts, &ext, &f, 4.0, 300);
        assert_eq!(left, 0);
        for i in 0..6 {
            for j in i + 1..6 {
                let apart_x = (pts[i].x - pts[j].x).abs() >= 84.0 - 1e-6;
                let apart_y = (pts[i].y - pts[j].y).abs() >= 44.0 - 1e-6;
                assert!(apart_x || apart_y, "{i} {j}");
            }
        }
    }

    #[test]
    fn fit_fills_the_frame() {
        let mut pts = vec![Point { x: 1.0, y: 1.0 }, Point { x: 3.0, y: 2.0 }];
        let f = Frame { left: 10.0, top: 20.0, width: 100.0, height: 50.0 };
        fit(&mut pts, &f);
        assert_eq!(pts, vec![Point { x: 10.0, y: 20.0 }, Point { x: 110.0, y: 70.0 }]);
    }
}
