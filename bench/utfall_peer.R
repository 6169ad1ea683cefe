# bench/utfall_peer.R DIR AS_OF OUT.csv - the evaluator's peer of
#   uppfolj report utfall --by sex --program SIG --as-of AS_OF
# written as an evaluator would, with data.table, from the seven CSV files
# of DIR (uppfolj's import format, SPEC §3): the table of registered
# suspicions per year before and after the intervention, by sex, with the
# paired t-test and Wilcoxon's signed-rank test.  Writes OUT.csv with the
# columns of uppfolj's utfall_misstankar_per_ar.csv (no disclosure control).
#
# The rules, as SPEC §5-6 state them: cases of programme SIG started by
# as-of, with follow-up consent; before = the 12 months before the start,
# after = the 12 months from the end (the case ended by as-of and its after
# window over by as-of); suspicions (misstanke_brott, value = count) in each
# window per year at risk, where the time at risk leaves out days in locked
# care (every SiS placement of the person, overlapping ones once, the end
# day counted, an open end running to as-of); a pair needs time at risk in
# both windows; a withdrawn follow-up consent ends the follow-up on its
# day, so the after window must be over by then.  Personnummer are matched on their last ten digits (the
# files write them in several forms), other ids as written.
suppressMessages(library(data.table))
setDTthreads(2)
a <- commandArgs(TRUE)
dir <- a[1]
asof <- as.IDate(a[2])
out <- a[3]

rd <- function(f, cols) {
  fread(file.path(dir, f), sep = ";", select = cols, colClasses = "character",
        encoding = "UTF-8", na.strings = "")
}
pkey <- function(p) {
  q <- gsub("[-+]", "", p)
  ifelse(grepl("^[0-9]{12}$", q), substr(q, 3, 12), q)
}
# d plus k years (k = +-1 for 12 months), 29 February to 1 March as SQLite
shift_year <- function(d, k) {
  y <- year(d) + k
  m <- month(d)
  dd <- mday(d)
  leap <- (y %% 4 == 0 & y %% 100 != 0) | y %% 400 == 0
  fix <- m == 2 & dd == 29 & !leap
  r <- rep(NA_character_, length(d))
  ok <- !is.na(d)
  r[ok] <- sprintf("%04d-%02d-%02d", y[ok], ifelse(fix[ok], 3L, m[ok]), ifelse(fix[ok], 1L, dd[ok]))
  as.IDate(r)
}

persons <- rd("persons.csv", c("person", "sex"))
persons[, pk := pkey(person)]
sx <- tolower(persons$sex)
persons[, sex := fifelse(sx %in% c("f", "flicka", "kvinna", "k"), "F",
                 fifelse(sx %in% c("m", "pojke", "man"), "M",
                 fifelse(sx %in% c("x", "annat"), "X", NA_character_)))]

hdr <- names(fread(file.path(dir, "cases.csv"), sep = ";", nrows = 0))
wcol <- intersect("consent_withdrawn_date", hdr)
cases <- rd("cases.csv", c("case_id", "person", "programme", "start_date", "end_date",
                           "followup_consent", wcol))
if (!length(wcol)) cases[, consent_withdrawn_date := NA_character_]
cases[, pk := pkey(person)]
all_cases <- cases[, .(case_id, pk)]
cases <- cases[programme == "SIG" & !is.na(start_date)]
cases[, start := as.IDate(start_date)]
cases <- cases[start <= asof]
cases[, consent := is.na(followup_consent) |
                   !(tolower(followup_consent) %in% c("nej", "n", "0", "no"))]
cases <- cases[consent == TRUE]
cases[, end := as.IDate(end_date)]
cases[!is.na(end) & end > asof, end := NA]
cases[, wd := as.IDate(consent_withdrawn_date)]
cases[!is.na(wd) & wd > asof, wd := NA]
cases[, `:=`(bf = shift_year(start, -1L), af = end, at = shift_year(end, 1L))]
cases <- persons[, .(pk, sex)][cases, on = "pk"]

# suspicions per case and window
o <- rd("outcomes.csv", c("person", "date", "measure", "value"))[measure == "misstanke_brott"]
o[, `:=`(pk = pkey(person), date = as.IDate(date),
         value = fifelse(is.na(value), 1, as.numeric(sub(",", ".", value, fixed = TRUE))))]
o <- o[date <= asof, .(pk, date, value)]
eb <- o[cases, on = .(pk, date >= bf, date < start), .(ev = sum(value, na.rm = TRUE)),
        by = .EACHI]$ev
ea <- o[cases[!is.na(af)], on = .(pk, date >= af, date < at), .(ev = sum(value, na.rm = TRUE)),
        by = .EACHI]$ev
cases[, ev_b := eb]
cases[, ev_a := NA_real_]
cases[!is.na(af), ev_a := ea]

# locked care: the union of each person's SiS placements, [start, end + 1)
iv <- rd("interventions.csv", c("case_id", "insats", "start_date", "end_date"))[insats == "sis"]
iv <- all_cases[iv, on = "case_id", nomatch = NULL]
iv[, `:=`(s = as.IDate(start_date), e = as.IDate(end_date))]
iv[, e := fifelse(is.na(e) | e > asof, asof + 1L, e + 1L)]
iv <- iv[!is.na(s)]
setorder(iv, pk, s)
iv[, grp := cumsum(s > shift(cummax(as.integer(e)), fill = -1e9L)), by = pk]
u <- iv[, .(s = min(s), e = max(e)), by = .(pk, grp)]
locked <- function(from, to) {
  w <- cases[, .(i = .I, pk, from = get(from), to = get(to))][!is.na(from)]
  j <- u[w, on = .(pk, s < to, e > from), .(i, d = pmin(x.e, i.to) - pmax(x.s, i.from)),
         nomatch = NULL]
  r <- numeric(nrow(cases))
  if (nrow(j)) {
    t <- j[, .(d = sum(as.numeric(d))), by = i]
    r[t$i] <- t$d
  }
  r
}
cases[, `:=`(lock_b = locked("bf", "start"), lock_a = locked("af", "at"))]
cases[, `:=`(risk_b = (as.numeric(start - bf) - lock_b) / 365.25,
             risk_a = (as.numeric(at - af) - lock_a) / 365.25)]
cases[, paired := !is.na(af) & at <= asof + 1L & (is.na(wd) | at <= wd) & risk_b > 0 & risk_a > 0]
cases[paired == TRUE, `:=`(rb = ev_b / risk_b, ra = ev_a / risk_a)]

row <- function(label, d) {
  p <- d[paired == TRUE]
  r <- list(group = label, n_cases = nrow(d), n_paired = nrow(p),
            before_mean = NA_real_, after_mean = NA_real_, change_mean = NA_real_,
            ci_lo = NA_real_, ci_hi = NA_real_, wilcoxon_v = NA_real_, wilcoxon_p = NA_real_,
            t_p = NA_real_)
  if (nrow(p) >= 2) {
    tt <- t.test(p$ra, p$rb, paired = TRUE)
    w <- suppressWarnings(wilcox.test(p$ra, p$rb, paired = TRUE))
    r[c("before_mean", "after_mean", "change_mean", "ci_lo", "ci_hi", "wilcoxon_v",
        "wilcoxon_p", "t_p")] <- list(mean(p$rb), mean(p$ra), unname(tt$estimate),
                                      tt$conf.int[1], tt$conf.int[2], unname(w$statistic),
                                      w$p.value, tt$p.value)
  }
  r
}
labels <- c(F = "Flickor", M = "Pojkar", X = "Annat kön")
res <- rbindlist(c(lapply(names(labels), function(s) row(labels[[s]], cases[sex == s])),
                   list(row("Totalt", cases))))
fwrite(res, out, quote = TRUE)
