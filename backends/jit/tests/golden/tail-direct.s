function even:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A1h
  0026  mov [rbp-20h],rdx
  002d  mov rax,rdx
  0030  test rax,rax
  0033  jne 0000000000000054h
  0039  mov dword ptr [rsp],1
  0044  mov dword ptr [rsp+4],0
  004f  jmp 000000000000007Fh
  0054  mov rcx,[rbp-20h]
  005b  mov rax,rcx
  005e  sub rax,1
  0065  mov rdx,rax
  0068  mov rdi,r14
  006b  mov rsi,r14
  006e  lea rsp,[rbp-10h]
  0075  pop r15
  0077  pop r14
  0079  pop rbp
  007a  jmp 000000000000007Fh
  007f  mov eax,[rsp]
  0087  lea rsp,[rbp-10h]
  008e  pop r15
  0090  pop r14
  0092  pop rbp
  0093  ret
  0094  mov rax,[rsp]
  009c  jmp 0000000000000087h
  00a1  ud2    ; trap: Code(StackOverflow)

function odd:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A1h
  0026  mov [rbp-20h],rdx
  002d  mov rax,rdx
  0030  test rax,rax
  0033  jne 0000000000000054h
  0039  mov dword ptr [rsp],0
  0044  mov dword ptr [rsp+4],0
  004f  jmp 000000000000007Fh
  0054  mov rcx,[rbp-20h]
  005b  mov rax,rcx
  005e  sub rax,1
  0065  mov rdx,rax
  0068  mov rdi,r14
  006b  mov rsi,r14
  006e  lea rsp,[rbp-10h]
  0075  pop r15
  0077  pop r14
  0079  pop rbp
  007a  jmp 000000000000007Fh
  007f  mov eax,[rsp]
  0087  lea rsp,[rbp-10h]
  008e  pop r15
  0090  pop r14
  0092  pop rbp
  0093  ret
  0094  mov rax,[rsp]
  009c  jmp 0000000000000087h
  00a1  ud2    ; trap: Code(StackOverflow)

function wide:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,0C0h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000162h
  0026  mov [rbp-70h],rdx
  002d  mov r11,[rdx]
  0034  mov [rbp-20h],r11
  003b  mov r11,[rdx+10h]
  0042  mov [rbp-30h],r11
  0049  mov r11,[rdx+20h]
  0050  mov [rbp-40h],r11
  0057  mov r11,[rdx+30h]
  005e  mov [rbp-50h],r11
  0065  mov r11,[rdx+40h]
  006c  mov [rbp-60h],r11
  0073  mov r11,[rbp-30h]
  007a  mov [rsp],r11
  0082  mov r11,[rbp-40h]
  0089  mov [rsp+10h],r11
  0091  mov r11,[rbp-50h]
  0098  mov [rsp+20h],r11
  00a0  mov r11,[rbp-60h]
  00a7  mov [rsp+30h],r11
  00af  mov r11,[rbp-20h]
  00b6  mov [rsp+40h],r11
  00be  mov rdx,[rbp-70h]
  00c5  movdqu xmm15,[rsp]
  00cf  movdqu [rdx],xmm15
  00d8  movdqu xmm15,[rsp+10h]
  00e2  movdqu [rdx+10h],xmm15
  00eb  movdqu xmm15,[rsp+20h]
  00f5  movdqu [rdx+20h],xmm15
  00fe  movdqu xmm15,[rsp+30h]
  0108  movdqu [rdx+30h],xmm15
  0111  movdqu xmm15,[rsp+40h]
  011b  movdqu [rdx+40h],xmm15
  0124  mov rdi,r14
  0127  mov rsi,r14
  012a  lea rsp,[rbp-10h]
  0131  pop r15
  0133  pop r14
  0135  pop rbp
  0136  jmp 000000000000013Bh
  013b  mov r11,[rbp-70h]
  0142  movdqu xmm15,[rsp]
  014c  movdqu [r11],xmm15
  0155  lea rsp,[rbp-10h]
  015c  pop r15
  015e  pop r14
  0160  pop rbp
  0161  ret
  0162  ud2    ; trap: Code(StackOverflow)

