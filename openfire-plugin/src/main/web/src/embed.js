console.log("tandem");
