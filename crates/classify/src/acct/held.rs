//! Records of domains whose ISP is not known yet, kept for the timeline until it is: one
//! list per domain, all in one shared pool of 8-byte slots (freed slots are reused), so
//! thousands of domains with a few records each cost one allocation, not thousands.

const NONE: u32 = u32::MAX;

/// One domain's held records.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeldList {
    head: u32,
    len: u32,
}

impl Default for HeldList {
    fn default() -> Self {
        HeldList { head: NONE, len: 0 }
    }
}

impl HeldList {
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }
}

#[derive(Debug, Default)]
pub(crate) struct HeldPool {
    /// (value, index of the next slot of the same list or of the free list)
    slots: Vec<(u32, u32)>,
    free: Option<u32>,
    used: usize,
}

impl HeldPool {
    /// Slots in use, over all lists.
    pub(crate) fn used(&self) -> usize {
        self.used
    }

    pub(crate) fn push(&mut self, list: &mut HeldList, value: u32) {
        let slot = (value, list.head);
        let i = match self.free {
            Some(i) => {
                self.free = Some(self.slots[i as usize].1).filter(|n| *n != NONE);
                self.slots[i as usize] = slot;
                i
            }
            None => {
                self.slots.push(slot);
                (self.slots.len() - 1) as u32
            }
        };
        list.head = i;
        list.len += 1;
        self.used += 1;
    }

    /// Empties `list`, handing each value (newest first) to `each`.
    pub(crate) fn drain(&mut self, list: &mut HeldList, mut each: impl FnMut(u32)) {
        let mut i = list.head;
        while i != NONE {
            let (value, next) = self.slots[i as usize];
            each(value);
            self.slots[i as usize].1 = self.free.unwrap_or(NONE);
            self.free = Some(i);
            i = next;
        }
        self.used -= list.len as usize;
        *list = HeldList::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_share_the_pool_and_reuse_freed_slots() {
        let mut pool = HeldPool::default();
        let (mut a, mut b) = (HeldList::default(), HeldList::default());
        for v in 0..5 {
            pool.push(&mut a, v);
            pool.push(&mut b, 100 + v);
        }
        assert_eq!((a.len(), b.len(), pool.used()), (5, 5, 10));
        let mut got = Vec::new();
        pool.drain(&mut a, |v| got.push(v));
        assert_eq!(got, [4, 3, 2, 1, 0]);
        assert_eq!((a.len(), pool.used()), (0, 5));
        for v in 0..5 {
            pool.push(&mut a, 200 + v);
        }
        assert_eq!(pool.slots.len(), 10, "freed slots are reused");
        let mut got = Vec::new();
        pool.drain(&mut b, |v| got.push(v));
        assert_eq!(got, [104, 103, 102, 101, 100]);
        let mut got = Vec::new();
        pool.drain(&mut a, |v| got.push(v));
        assert_eq!(got, [204, 203, 202, 201, 200]);
        assert_eq!(pool.used(), 0);
    }
}
