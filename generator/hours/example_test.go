package hours_test

import (
	"fmt"
	"time"
	_ "time/tzdata" // tests must not depend on the host's zoneinfo

	"resourcelib/generator/hours"
)

// The National Human Trafficking Hotline's non-urgent line, Monday to
// Friday 9am–7pm Eastern Time, read from HSDS-style fields.
func Example() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	days, _ := hours.ParseDays("MO,TU,WE,TH,FR")
	opens, _ := hours.ParseClock("09:00")
	closes, _ := hours.ParseClock("19:00")
	line := hours.Schedule{Zone: ny, Ranges: []hours.Range{{Days: days, Opens: opens, Closes: closes}}}
	if err := line.Validate(); err != nil {
		panic(err)
	}

	for _, s := range line.Describe() {
		fmt.Println(s)
	}

	// Friday 3 July 2026, 22:30 UTC: 6:30pm in New York.
	now := time.Date(2026, time.July, 3, 22, 30, 0, 0, time.UTC)
	fmt.Println("open:", line.IsOpen(now))
	at, open, _ := line.Next(now)
	fmt.Println("then open:", open, "at", at.Format("Mon 2 Jan 15:04 MST"))
	at, open, _ = line.Next(at)
	fmt.Println("then open:", open, "at", at.Format("Mon 2 Jan 15:04 MST"))
	// Output:
	// 9am–7pm Eastern Time, Monday to Friday
	// open: true
	// then open: false at Fri 3 Jul 19:00 EDT
	// then open: true at Mon 6 Jul 09:00 EDT
}
