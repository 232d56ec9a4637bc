namespace FactLedger.Domain.Extraction.Languages;

/// <summary>English news copy: agencies (AFP, Reuters, AP), ministries, tolls.</summary>
internal static class English
{
    public static readonly LanguageWords Words = new()
    {
        Code = "en",
        GroupSeparators = ",\u202F\u00A0",
        DecimalSeparators = ".",
        NumberWords = """
            1: once
            2: twice | a couple
            12: a dozen
            """,
        QualifiedOnlyNumberWords = "1: once",
        NotNumberWords = "x: a | an | dozens | dz | doz | dzs | dozs | hundreds | thousands | millions | billions",
        ScaleWords = """
            1000: thousand
            1000000: million | millions | mln
            1000000000: billion | bn | bln
            """,
        NumberJoiners = "and: and",
        QualifiersBefore = """
            at_least: at least | no fewer than | no less than | a minimum of | not less than
            more_than: more than | over | upwards of | in excess of | above | beyond | well over | more then
            at_most: up to | at most | no more than | as many as | a maximum of | not more than
            less_than: fewer than | less than | under | below | just under
            approximately: about | around | nearly | almost | approximately | roughly | some | an estimated
            | close to | estimated | approx | circa | an approximate | reportedly about
            // A toll that passes a figure is above it; one that could reach a figure is a projection up to it.
            more_than: passes | passed | passing | surpasses | surpassed | surpassing | exceeds | exceeded
            | exceeding | tops | topped | topping
            at_most: could reach | could climb to | could climb as high as | could rise to | could rise as high as
            | may reach | might reach | may rise to | might rise to | could hit | could top
            """,
        QualifiersAfter = """
            at_least/0: or more | and more | plus
            approximately/0: or so
            at_least/6: at least
            """,
        RangeWords = """
            open: between
            join: and | or
            to: to
            """,
        CountMeasures = """
            killed: kill* | dead | death* | died | die | dies | dying | fatalit* | perish* | lost their lives
            | lost his life | lost her life | lives | bodies | body bags | toll | casualt* | slain | massacred
            | executed | shot dead | drowned | tally
            injured: injur* | wound* | hurt
            detained: detain* | arrest* | custody | jailed | imprison* | captured | rounded up | apprehended
            | held in custody | prisoners
            missing: missing | unaccounted
            displaced: displac* | homeless | fled | flee* | refugee* | forced from their homes | uprooted
            | lost their homes | sheltering | in shelters | taken refuge | took refuge | sought refuge | shelters
            evacuated: evacuat*
            rescued: rescu* | pulled alive | pulled from the rubble | saved | pulled from the debris
            | pulled from the wreckage | pulled out of the rubble | pulled out alive | dug out
            | from under the rubble | from the rubble
            affected: affected
            infected: infect* | cases | tested positive | contracted
            recovered: recover*
            hospitalized: hospitali* | treated in hospital
            destroyed: destroy* | collaps* | razed | flattened | levelled | leveled
            damaged: damag*
            critical: critical condition | critically | in critical | seriously injured | seriously wounded
            | seriously hurt | serious condition | gravely injured | gravely wounded | intensive care
            trapped: trapped | under the rubble | under rubble | under the debris | buried under
            | under collapsed
            buried: buried | laid to rest | interred
            deployed: deploy* | dispatched | sent
            participated: took part | participat* | rallied | marched | gathered | demonstrated | drew | attended
            | turned out
            calls: call | calls | phone call* | talks | conversations
            members: member* | signator*
            aftershocks: aftershock*
            """,
        DateEvents = """
            start: began | begin* | start* | broke out | erupted | launched | kicked off | commenced | opened
            end: end | ends | ended | ending | expire* | complet* | conclud* | finish* | lifted | wrapped up
            occurred: struck | hit | occurred | happened | took place | shook | clash* | attack* | stormed
            | flooded | exploded | crashed | sank | collapsed | killed | be held | was held | were held
            | gave way | burst | explosion* | blast | bombing | earthquake | quake | collided | collision
            | derailed
            declared: declar* | impos* | proclaim* | introduced
            resigned: resign* | stepped down | quit | step down | steps down | stepping down
            dismissed: dismiss* | sacked | fired | ousted | removed
            requested: request* | asked | appealed | sought
            founded: founded | foundation | establish* | formed | created
            signed: signed | signing
            """,
        Subjects = """
            security-forces: security forces | security personnel | security officers | law enforcement
            | members of the security forces | security force members
            police: police* | officers
            soldiers: soldier* | troops | servicemen | military personnel
            protesters: protester* | protestor* | demonstrator* | rioters
            civilians: civilian*
            children: child* | minors | kids
            women: women
            people: people | persons | person | individuals | residents | inhabitants
            migrants: migrant* | refugees
            workers: workers | miners
            passengers: passenger*
            militants: militant* | fighters | rebels | terrorists | insurgents
            journalists: journalist*
            peacekeepers: peacekeep*
            buildings: building* | homes | houses
            protests: protest* | demonstrations | unrest | riots
            state-of-emergency: state of emergency | emergency rule | curfew
            government: government | cabinet
            earthquake: earthquake | quake | tremor
            """,
        Attribution = """
            before: according to | citing | quoting | per
            verb: said | says | told | reported | announced | stated | confirmed | added | noted | estimated
            | tweeted | wrote
            """,
        NotCounts = """
            after: percent | per cent | percentage | year | years | aged | km | kilometre* | kilometer* | mile*
            | metre* | meter* | cm | mm | ft | feet | kg | kilogram* | ton | tons | tonne* | litre* | liter*
            | hectare* | acres | degree* | magnitude | richter | dollar* | euro* | pound* | lira* | usd | eur
            | gbp | cents | months | month | weeks | week | days | day | hours | hour | minutes | minute
            | seconds | am | pm | gmt | utc | storey* | floor* | percentage points | points | goals | runs
            | rupees | lakh | crore | head of | heads of
            ratio: in | out of
            before: usd | eur | gbp | aged | age | ages | magnitude | number | page | article | route | flight
            | chapter | section | resolution | item | category | paragraph | no | ranked | rank | version
            | level | grade | phase | stage | channel | size | gmt | utc | minute | vote | votes | score
            | rs | inr | rupees | ksh | tk
            """,
        RelativeDays = """
            -2: day before yesterday
            -1: yesterday | last night
            0: today | tonight | this morning | this afternoon | this evening
            1: tomorrow
            """,
        DurationUnits = """
            1: day
            1+: days
            7: week
            7+: weeks
            14: fortnight
            30: month
            30+: months
            """,
        RelativeBefore = """
            +1 exact: in | after
            +1 at_most: within | for | for the next | over the next
            """,
        RelativeAfter = """
            -1 exact: ago | earlier
            +1 exact: later | from now | from today
            """,
        Periods = """
            week -1: last week | the previous week | the week before
            week 1: next week | the coming week
            month -1: last month | the previous month
            month 1: next month
            """,
        WeekdayShiftBefore = """
            -1: last | past | this past
            1: next | this coming | coming
            """,
        DateCues = """
            end: until | till | through | to run until | ends on | expires on
            start: starting | starting from | effective | beginning | effective as of
            // "rescued as of Tuesday evening": when a count was made, not a date of anything.
            stamp: as of
            after: after
            following: following | in the wake of
            before: before | prior to | ahead of
            since: since
            year: in | during
            deadline: deadline | cutoff
            dateline: updated | published | posted | last modified | first published
            """,
        CapitalMonths = "5: May",
        MonthPartsBefore = """
            early: early | the beginning of | beginning of | the start of | start of
            mid: mid | the middle of | middle of
            late: late | the end of | end of
            """,
        FutureMarkers = """
            future: will | would | is to | are to | is due to | are due to | is expected to | are expected to
            | is set to | are set to | plans to | plan to | scheduled | is scheduled to | are scheduled to
            """,
        StoryDayAfter = """
            -1: after | following
            1: before | prior to
            """,
    };
}
