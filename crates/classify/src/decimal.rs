//! Numbers as decimal text without core's formatting machinery: `format!` of a float
//! brings its exact-printing algorithms (Grisu, Dragon4, bignums: about 14 KB), a sixth
//! of the widget's WebAssembly module, for the one rate the widget prints.

/// `n` in decimal (`to_string` without its allocation).
pub(crate) fn push_decimal(t: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(t, n / 10);
    }
    t.push(char::from(b'0' + (n % 10) as u8));
}

/// Base of the big integer's limbs (nine decimal digits each).
const LIMB: u64 = 1_000_000_000;

/// `r` with one decimal, a trailing `.0` left out: exactly what `format!("{r:.1}")`
/// prints (the binary value rounded half to even at the tenths) without the `.0`.
/// `r` is finite.
pub(crate) fn tenths(r: f64) -> String {
    let bits = r.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // r = ±m * 2^e exactly.
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    let mut out = String::new();
    if bits >> 63 == 1 {
        out.push('-');
    }
    if e >= 0 {
        // An integer (at least 2^52): no tenths to print.
        push_limbs(&mut out, &integer(m, e as u32));
        return out;
    }
    // The tenths: m * 10 / 2^k rounded half to even (m * 10 < 2^57 fits; from k = 58
    // on the quotient is below one half, so 0).
    let k = e.unsigned_abs();
    let n = m * 10;
    let tenths = if k >= 58 {
        0
    } else {
        let q = n >> k;
        let rem = n & ((1 << k) - 1);
        let half = 1 << (k - 1);
        q + u64::from(rem > half || (rem == half && q & 1 == 1))
    };
    push_decimal(&mut out, (tenths / 10) as usize);
    if tenths % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (tenths % 10) as u8));
    }
    out
}

/// `m * 2^e` as limbs of nine decimal digits, least significant first.
fn integer(m: u64, mut e: u32) -> Vec<u64> {
    let mut limbs = vec![m % LIMB, m / LIMB % LIMB, m / LIMB / LIMB];
    while e > 0 {
        // 29 bits at a time: a limb (< 10^9 < 2^30) times 2^29 plus a carry fits in u64.
        let step = e.min(29);
        let mut carry = 0;
        for limb in &mut limbs {
            let v = (*limb << step) + carry;
            *limb = v % LIMB;
            carry = v / LIMB;
        }
        while carry > 0 {
            limbs.push(carry % LIMB);
            carry /= LIMB;
        }
        e -= step;
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    limbs
}

/// The limbs in decimal, most significant first, the lower ones padded to nine digits.
fn push_limbs(out: &mut String, limbs: &[u64]) {
    let mut rest = limbs.iter().rev();
    if let Some(&top) = rest.next() {
        push_decimal(out, top as usize);
    }
    for &limb in rest {
        let mut digits = [b'0'; 9];
        let mut v = limb;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (v % 10) as u8;
            v /= 10;
        }
        out.extend(digits.iter().map(|&d| char::from(d)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(r: f64) -> String {
        let s = format!("{r:.1}");
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    }

    #[test]
    fn tenths_print_as_core_formatting_does() {
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            -0.04,
            -0.05,
            9.95,
            10.0,
            29.95,
            30.05,
            42.5,
            99.99,
            100.0,
            f64::MIN_POSITIVE,
            5e-324,
            1e15 + 0.3,
            2f64.powi(52) - 0.5,
            2f64.powi(52),
            2f64.powi(53) + 2.0,
            1e21,
            1.5e300,
            f64::MAX,
            -f64::MAX,
        ];
        // Every tenth and hundredth to 200, and a walk over the bit patterns.
        values.extend((0..20_000).map(|i| f64::from(i) / 100.0));
        let mut bits = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            bits = bits.rotate_left(17).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ 0x94D0_49BB;
            values.push(f64::from_bits(bits));
        }
        for r in values.into_iter().filter(|r| r.is_finite()) {
            assert_eq!(tenths(r), core(r), "{r:e} ({:#x})", r.to_bits());
        }
    }

    #[test]
    fn decimals() {
        let mut t = String::new();
        for n in [0, 7, 10, 305, usize::MAX] {
            t.clear();
            push_decimal(&mut t, n);
            assert_eq!(t, n.to_string());
        }
    }
}
