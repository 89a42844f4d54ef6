# Sourced by the benchmark scripts (from the repository root): a scratch folder $work, Release builds of the app and
# the load generator as $app and $bench, and the helpers free_port and median.
work=$(mktemp -d /tmp/upcare-bench.XXXXXX)
chmod 755 "$work"
dotnet build src/Upcare -c Release -v quiet -nologo >/dev/null
dotnet build bench/Upcare.Bench -c Release -v quiet -nologo >/dev/null
app="dotnet src/Upcare/bin/Release/net10.0/Upcare.dll"
bench="dotnet bench/Upcare.Bench/bin/Release/net10.0/Upcare.Bench.dll"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
